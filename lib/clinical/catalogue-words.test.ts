// The catalogue's words are what people read (the form, messages, summaries, the PDF): plain language, with no
// references to the knowledge base or the rules (issue 18 item 1). Those belong in code comments and `sources`.
import { describe, expect, it } from "vitest";
import { QUESTION_LIST, SECTIONS } from "./catalogue";
import { ALL_RULES } from "./rules";

/** Spec and source references, field ids and rule ids: what a screen must not show as main text. */
const FIELD_IDS = QUESTION_LIST.map((q) => q.id).filter((id) => id.includes("_"));
const NOT_PLAIN: readonly [string, RegExp][] = [
  ["a knowledge-base reference", /knowledge\.md|§|\b[a-h]\.\d+\b|\b0\.\d+ item \d+/i],
  ["a rule id", new RegExp(`\\b(${ALL_RULES.map((r) => r.id).join("|")})\\b|\\b(RF|PW|ADV|DATA|PATH)-[A-Z0-9]+`)],
  ["a source tag", /\[seed:|\[[A-Z][A-Za-z]+-[A-Za-z0-9-]+\]|\[design\]|\[clinical-knowledge\]/],
  ["talk about rules", /\bno rule reads\b|\bthe (current )?rules\b|\binformational only\b/i],
  ["a field id", new RegExp(`\\b(${FIELD_IDS.join("|")})\\b`)],
];

function texts(): [string, string][] {
  const out: [string, string][] = [];
  for (const s of SECTIONS) {
    out.push([`${s.id} title`, s.title]);
    if ("help" in s && s.help) out.push([`${s.id} help`, s.help]);
  }
  for (const q of QUESTION_LIST) {
    out.push([`${q.id} label`, q.label], [`${q.id} short`, q.short]);
    if (q.help) out.push([`${q.id} help`, q.help]);
    if ("unit" in q && q.unit) out.push([`${q.id} unit`, q.unit]);
    if ("options" in q) for (const o of q.options) out.push([`${q.id} option ${o.value}`, o.label]);
  }
  return out;
}

describe("catalogue wording", () => {
  it("holds no spec reference, rule id, source tag or field id in any label, help, unit or option", () => {
    const found = texts().flatMap(([where, text]) => NOT_PLAIN.filter(([, re]) => re.test(text)).map(([what]) => `${where}: ${what}: ${text}`));
    expect(found).toEqual([]);
  });

  it("the check finds what it looks for", () => {
    for (const bad of ["see knowledge.md a.8", "definitions in d.3", "RF-CA-03 did not fire", "DATA-02", "[seed:000_x.txt]", "[NICE-NG59]", "Informational only: no rule reads it.", "saddle_anesthesia = true"]) {
      expect(NOT_PLAIN.some(([, re]) => re.test(bad)), bad).toBe(true);
    }
    for (const fine of ["How old is the patient?", "38.0 C or more counts as fever.", "Whole years, 0 to 110.", "e.g. ibuprofen", "STarT Back"]) {
      expect(NOT_PLAIN.some(([, re]) => re.test(fine)), fine).toBe(false);
    }
  });
});
