// fast-check arbitraries built from the catalogue, so new questions are covered by the property tests
// without touching them.
import fc from "fast-check";
import { QUESTION_LIST } from "../catalogue";
import { addDays } from "../dates";
import type { QuestionDef } from "../types";

/** A non-blank answer that validation accepts. */
export function answerArb(q: QuestionDef): fc.Arbitrary<unknown> {
  switch (q.type) {
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...q.options.map((o) => o.value));
    case "multi-enum": {
      const others = q.options.map((o) => o.value).filter((v) => v !== q.exclusive);
      const subset = fc.uniqueArray(fc.constantFrom(...others), { minLength: 1, maxLength: others.length });
      return q.exclusive ? fc.oneof(subset, fc.constant([q.exclusive])) : subset;
    }
    case "integer":
      return fc.integer({ min: q.min, max: q.max });
    case "number":
      return fc.oneof(
        fc.integer({ min: q.min * 10, max: q.max * 10 }).map((x) => x / 10),
        fc.double({ min: q.min, max: q.max, noNaN: true, noDefaultInfinity: true }),
      );
    case "date":
      return fc.constant(null); // dates are generated together (see intakeInputArb)
    case "text":
      return fc.string({ maxLength: 40 });
  }
}

/** A blank in any of the forms 0.3 item 1 allows: absent (undefined here), null or "". */
const blankArb = fc.constantFrom(undefined, null, "");

/**
 * Raw intake input that the submit schema accepts (blank answers included), for `today`. Dates are consistent:
 * onset <= visit <= today.
 */
export function intakeInputArb(today: string, options: { blankWeight?: number } = {}): fc.Arbitrary<Record<string, unknown>> {
  const blankWeight = options.blankWeight ?? 1;
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const q of QUESTION_LIST) {
    if (q.type === "date") continue;
    fields[q.id] = fc.oneof({ arbitrary: answerArb(q), weight: 6 }, { arbitrary: blankArb, weight: blankWeight });
  }
  const dates = fc.record({
    visitBack: fc.integer({ min: 0, max: 700 }),
    onsetBack: fc.integer({ min: 0, max: 3000 }),
  });
  // dropDates 0 blanks the visit date, 1 the onset date (one case in ten each).
  return fc.tuple(fc.record(fields), dates, fc.integer({ min: 0, max: 9 })).map(([answers, d, dropDates]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(answers)) if (v !== undefined) out[k] = v;
    const visit = addDays(today, -d.visitBack);
    if (dropDates !== 0) out.visit_date = visit;
    if (dropDates !== 1) out.onset_date = addDays(visit, -d.onsetBack);
    // 0.4 item 11: no more weeks of care than the episode allows (when both dates are known).
    if (dropDates > 1 && typeof out.conservative_care_weeks === "number" && out.conservative_care_weeks * 7 > d.onsetBack + 7) {
      out.conservative_care_weeks = Math.floor((d.onsetBack + 7) / 7);
    }
    return out;
  });
}
