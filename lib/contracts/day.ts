// A calendar day a filter may name (YYYY-MM-DD), shared by the queue and the audit log search. The range is what
// PostgreSQL's date arithmetic takes with room to spare: it has no year 0, and a "to" day is searched as
// `to + 1 day`, which overflows near the end of its range. A well-formed but absurd day is a 400 naming the
// field, never a database error.
import { z } from "zod";

export const FIRST_DAY = "1900-01-01";
export const LAST_DAY = "2999-12-31";

const DAY = z.iso.date();

/** What is wrong with `value` as a day for `field`, or null when it is a day in range. */
export function dayProblem(field: string, value: string): string | null {
  if (!DAY.safeParse(value).success) return `${field} must be a date (YYYY-MM-DD)`;
  if (value < FIRST_DAY) return `${field} must be ${FIRST_DAY} or later`;
  if (value > LAST_DAY) return `${field} must be ${LAST_DAY} or earlier`;
  return null;
}

/** A day in range as a zod check, for `.superRefine` on a string schema. */
export const dayRefinement =
  (field: string) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const problem = dayProblem(field, value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };

/** A required day (YYYY-MM-DD) between FIRST_DAY and LAST_DAY. */
export const isoDay = (field: string) => z.string({ error: `${field} must be a date (YYYY-MM-DD)` }).superRefine(dayRefinement(field));
