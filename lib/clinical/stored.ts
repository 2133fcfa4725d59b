// Evaluations are stored with the visit (JSON) and never rewritten once signed, so a record may hold the output
// of an older ruleset. This reads any stored shape as today's Evaluation type, filling what older versions did not
// produce with its neutral value, so screens and exports show an old record exactly as it was decided. The
// ruleset_version field still says which rules decided it.
import type { ContentItem, Evaluation } from "./types";

type Stored = Record<string, unknown> & { imaging?: Record<string, unknown> };

const list = <T>(v: unknown): readonly T[] => (Array.isArray(v) ? (v as T[]) : []);

/** A stored evaluation (1.0, 1.1 or 1.2 shape) as an Evaluation; null when nothing was stored. */
export function readStoredEvaluation(json: unknown): Evaluation | null {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return null;
  const e = json as Stored;
  // 1.1 named the blank required answers `missing_fields` and stored the conservative-care content (or null) in
  // `conservative_care`; 1.2 has `missing`, a boolean `conservative_care` and `conservative_care_content`.
  const oldContent = Array.isArray(e.conservative_care) ? (e.conservative_care as ContentItem[]) : null;
  const content = Array.isArray(e.conservative_care_content) ? (e.conservative_care_content as ContentItem[]) : (oldContent ?? []);
  return {
    ...(e as unknown as Evaluation),
    missing: list<string>(e.missing ?? e.missing_fields),
    cannot_exclude: list(e.cannot_exclude),
    cannot_exclude_emergency: e.cannot_exclude_emergency === true,
    conservative_care: typeof e.conservative_care === "boolean" ? e.conservative_care : content.length > 0,
    conservative_care_content: content,
    imaging: { ...(e.imaging as unknown as Evaluation["imaging"]), notes: list<string>(e.imaging?.notes) },
  };
}
