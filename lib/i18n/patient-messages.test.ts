import { describe, expect, it } from "vitest";
import { PATIENT_QUESTIONS, STAFF_ONLY_FIELDS } from "@/lib/clinical/self-intake";
import { englishMessages, messageKeys, PATIENT_LANGUAGES, patientMessages, type TMessages } from "./patient-messages";

const leaf = (tree: TMessages, key: string): string | undefined => {
  let node: string | TMessages | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
};
/** ICU argument names: {current}, {left, plural, ...} -> current, left */
const argumentsOf = (text: string) => [...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();

describe("the patient's message catalogues", () => {
  const en = englishMessages();

  it("English holds every patient question, its options and help, and no staff-only question", () => {
    for (const q of PATIENT_QUESTIONS) {
      expect(leaf(en, `questions.${q.id}.label`), q.id).toBeTruthy();
      if ("options" in q) for (const o of q.options) expect(leaf(en, `questions.${q.id}.options.${o.value}`), `${q.id}.${o.value}`).toBeTruthy();
    }
    for (const id of STAFF_ONLY_FIELDS) expect(leaf(en, `questions.${id}.label`), id).toBeUndefined();
    expect(leaf(en, "questions.age_years.label")).toBe("How old are you?");
  });

  for (const language of Object.keys(PATIENT_LANGUAGES).filter((l) => l !== "en") as (keyof typeof PATIENT_LANGUAGES)[]) {
    it(`${language}: a translation for every English string, no key that English does not have, the same arguments`, () => {
      const translated = patientMessages(language);
      const missing = messageKeys(en).filter((k) => !leaf(translated, k)?.trim());
      expect(missing, `${language} has no translation for`).toEqual([]);
      const extra = messageKeys(translated).filter((k) => leaf(en, k) === undefined);
      expect(extra, `${language} has keys English does not`).toEqual([]);
      for (const k of messageKeys(en)) expect(argumentsOf(leaf(translated, k)!), `${language} ${k}`).toEqual(argumentsOf(leaf(en, k)!));
    });
  }

  it("Spanish is marked as needing clinical review until a clinician approves it", () => {
    expect(PATIENT_LANGUAGES.es.status).toBe("needs_clinical_review");
  });
});
