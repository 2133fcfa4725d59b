// DATA-01 (b.4) and OUT-OF-SCOPE-01 (0.3 item 6). DATA-01's trigger is generated from the catalogue's
// required / requiredWhen flags, so adding a required question automatically extends the completeness check.
import { all, any, blank, lt } from "../conditions";
import { QUESTION_LIST } from "../catalogue";
import type { Cond, RuleDef } from "../types";

/** One `blank(field)` clause per required answer, guarded by its condition when conditionally required. */
export function requiredAnswerChecks(): { field: string; clause: Cond }[] {
  const checks: { field: string; clause: Cond }[] = [];
  for (const q of QUESTION_LIST) {
    if (q.required) checks.push({ field: q.id, clause: blank(q.id) });
    else if (q.requiredWhen) checks.push({ field: q.id, clause: all(q.requiredWhen, blank(q.id)) });
  }
  return checks;
}

export const OUT_OF_SCOPE_MESSAGE = "not for use under 16; refer to a doctor";

export const OUT_OF_SCOPE_RULE: RuleDef = {
  id: "OUT-OF-SCOPE-01",
  kind: "out_of_scope",
  title: "Under 16: out of scope",
  tier: null,
  when: lt("age_years", 16),
  action: "Not for use under 16; refer to a doctor. The case goes to the doctor queue.",
  message: OUT_OF_SCOPE_MESSAGE,
  sources: ["[NICE-NG59]", "[design]"],
};

export const DATA_RULES: readonly RuleDef[] = [
  {
    id: "DATA-01",
    kind: "data",
    title: "Red-flag screen incomplete",
    tier: null,
    when: any(...requiredAnswerChecks().map((c) => c.clause)),
    action:
      "The plan is provisional: complete the missing answers listed. A submission with blank required answers " +
      "is accepted once staff confirm, stays provisional until the answers are completed, and goes to the doctor queue.",
    sources: ["[design]", "[CW-AAPMR]"],
  },
];
