// The message catalogues of the patient's screens (issue 19), in next-intl's shape. English is derived: the
// question catalogue (lib/clinical) is the one source of the questions, with the patient's wording where the
// catalogue speaks to staff (patient-wording.ts), plus the screens' own strings (patient-ui.en.ts). Spanish is
// es.json, a translation of exactly these keys; patient-messages.test.ts fails when a key has no translation.
// Question ids stay the contract: messages are keyed by them, and answers are stored by them, never by words.
import { SECTIONS } from "@/lib/clinical/catalogue";
import { PATIENT_QUESTIONS } from "@/lib/clinical/self-intake";
import type { SectionId } from "@/lib/clinical/types";
import { LANGUAGE_NAMES, type TSelfIntakeLanguage } from "@/lib/contracts/self-intake";
import es from "./es.json";
import { PATIENT_UI_EN } from "./patient-ui.en";
import { PATIENT_WORDING } from "./patient-wording";

export type TMessages = { [key: string]: string | TMessages };

/** "a.1" -> "a1": next-intl reads a dot as a path. */
export const sectionKey = (id: SectionId | string) => id.replace(".", "");

function questionMessages(): TMessages {
  const out: TMessages = {};
  for (const q of PATIENT_QUESTIONS) {
    const wording = PATIENT_WORDING[q.id] ?? {};
    const entry: TMessages = { label: wording.label ?? q.label };
    const help = wording.help ?? q.help;
    if (help) entry.help = help;
    if ("unit" in q && q.unit) entry.unit = q.unit;
    if ("options" in q) entry.options = Object.fromEntries(q.options.map((o) => [o.value, o.label]));
    out[q.id] = entry;
  }
  return out;
}

function sectionMessages(): TMessages {
  const used = new Set(PATIENT_QUESTIONS.map((q) => q.section));
  return Object.fromEntries(SECTIONS.filter((s) => used.has(s.id)).map((s) => [sectionKey(s.id), { title: s.title }]));
}

export function englishMessages(): TMessages {
  return { ui: PATIENT_UI_EN as unknown as TMessages, sections: sectionMessages(), questions: questionMessages() };
}

/** Each language of the contract (SELF_INTAKE_LANGUAGES) with the state of its text. */
export const PATIENT_LANGUAGES = {
  en: { name: LANGUAGE_NAMES.en, status: "source" as const },
  /** Translated for the clinic; a clinician has not yet approved it for clinical use. */
  es: { name: LANGUAGE_NAMES.es, status: "needs_clinical_review" as const },
} satisfies Record<TSelfIntakeLanguage, { name: string; status: string }>;
export type TPatientLanguage = TSelfIntakeLanguage;

export function patientMessages(language: TPatientLanguage): TMessages {
  return language === "es" ? (es as unknown as TMessages) : englishMessages();
}

/** Every leaf key ("questions.age_years.label") of a message tree. */
export function messageKeys(tree: TMessages, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : messageKeys(v, `${prefix}${k}.`)));
}
