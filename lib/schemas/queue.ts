// The review queue's query: shared by the API, the queue page (URL state) and the CSV export.
import { z } from "zod";

export const QUEUE_SORTS = ["urgency", "submittedAt", "patient", "mrn", "age"] as const;
export const QUEUE_PAGE_SIZES = [25, 50, 100] as const;

const oneOf = <T extends readonly [string, ...string[]]>(values: T, field: string) =>
  z.enum(values, { error: `${field} must be one of ${values.join(", ")}` });

// PostgreSQL has no year 0: a well-formed but absurd year must be a 400 here, not a database error.
const isoDay = (field: string) =>
  z.iso.date({ error: `${field} must be a date (YYYY-MM-DD)` }).refine((d) => d >= "1900-01-01", `${field} must be 1900-01-01 or later`);

export const ZQueueQuery = z
  .object({
    status: oneOf(["SUBMITTED", "SIGNED", "ALL"], "status").default("SUBMITTED"),
    urgency: oneOf(["emergency", "urgent", "routine_soon", "none"], "urgency").optional(),
    flag: z
      .string()
      .regex(/^[A-Z]{2,4}(-[A-Z0-9]{1,8}){1,3}$/, "flag must be a rule id such as RF-CES-01")
      .optional(),
    imaging: oneOf(["none", "xray", "ct", "mri"], "imaging").optional(),
    q: z.string().trim().max(100, "q must be at most 100 characters").optional(),
    from: isoDay("from").optional(),
    to: isoDay("to").optional(),
    sort: oneOf(QUEUE_SORTS, "sort").default("urgency"),
    dir: oneOf(["asc", "desc"], "dir").optional(),
    page: z.coerce.number({ error: "page must be a whole number" }).int("page must be a whole number").min(1, "page must be 1 or more").max(10_000, "page must be at most 10000").default(1),
    pageSize: z.coerce
      .number({ error: "pageSize must be 25, 50 or 100" })
      .refine((n) => (QUEUE_PAGE_SIZES as readonly number[]).includes(n), "pageSize must be 25, 50 or 100")
      .default(25),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ["to"], message: "to must not be before from" });

export type TQueueQuery = z.output<typeof ZQueueQuery>;
