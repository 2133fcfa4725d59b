// Drafts (autosaved, unfinished intakes) may hold values validation would reject. 0.3 item 1: when a draft is
// evaluated for a preview, those values are treated as blank. Nothing here throws on odd input.
import { QUESTION_LIST, type TIntake } from "./catalogue";
import { isoDayNumber } from "./dates";
import { evaluate } from "./evaluate";
import { careWeeksIssue, fieldSchema } from "./schema";
import type { Evaluation } from "./types";

const FIELD_SCHEMAS = QUESTION_LIST.map((q) => ({ id: q.id, schema: fieldSchema(q) }));

/** Keep only the answers that would pass validation; everything else becomes blank (absent). */
export function sanitizeDraft(draft: unknown, options: { readonly today: string }): TIntake {
  const out: Record<string, unknown> = {};
  if (draft === null || typeof draft !== "object" || Array.isArray(draft)) return out as TIntake;
  const input = draft as Record<string, unknown>;
  for (const { id, schema } of FIELD_SCHEMAS) {
    if (!(id in input)) continue;
    const parsed = schema.safeParse(input[id]);
    if (parsed.success && parsed.data !== null && parsed.data !== undefined) out[id] = parsed.data;
  }
  const today = isoDayNumber(options.today);
  const visit = typeof out.visit_date === "string" ? isoDayNumber(out.visit_date) : null;
  if (visit !== null && today !== null && visit > today) delete out.visit_date;
  const visitKept = typeof out.visit_date === "string" ? isoDayNumber(out.visit_date) : null;
  const onset = typeof out.onset_date === "string" ? isoDayNumber(out.onset_date) : null;
  const limit = visitKept ?? today;
  if (onset !== null && limit !== null && onset > limit) delete out.onset_date;
  // 0.4 item 14: care weeks that break the cross-field check count as blank in a preview.
  if (careWeeksIssue(out)) delete out.conservative_care_weeks;
  return out as TIntake;
}

/** Evaluate a draft for a preview: invalid answers count as blank, so the result is usually provisional. */
export function previewDraft(draft: unknown, options: { readonly today: string }): Evaluation {
  return evaluate(sanitizeDraft(draft, options));
}
