// What the patient's own intake (issue 19) and the staff's link calls send: one schema per body, shared by the
// browser and the routes.
import { z } from "zod";

export const SELF_INTAKE_LANGUAGES = ["en", "es"] as const;
export type TSelfIntakeLanguage = (typeof SELF_INTAKE_LANGUAGES)[number];
/** Each language in its own words, for the patient's language picker. */
export const LANGUAGE_NAMES: Record<TSelfIntakeLanguage, string> = { en: "English", es: "Español" };
/** Each language in English, for staff screens and the PDF ("in Spanish"); null for no or an unknown code. */
export function languageInEnglish(code: string | null): string | null {
  const names: Record<TSelfIntakeLanguage, string> = { en: "English", es: "Spanish" };
  return code !== null && code in names ? names[code as TSelfIntakeLanguage] : null;
}

const ZLanguage = z.enum(SELF_INTAKE_LANGUAGES, { error: "language must be en or es" });
const ZVersion = z.number({ error: "version must be a number" }).int("version must be a whole number").min(1, "version must be 1 or more");
const ZAnswers = z.record(z.string(), z.unknown(), { error: "answers must be an object keyed by question" });

/** POST /api/v1/self-intake/open: the link's token (from the page's path) and the birth date the patient typed. */
export const ZSelfIntakeOpen = z.strictObject({
  token: z.string({ error: "token is required" }).min(20, "token is not a working link").max(100, "token is not a working link"),
  birthDate: z.iso.date({ error: "birthDate must be a date (YYYY-MM-DD)" }),
  language: ZLanguage,
});

/** PUT /api/v1/self-intake (autosave) and POST /api/v1/self-intake/finish. */
export const ZSelfIntakeSave = z.strictObject({
  version: ZVersion,
  answers: ZAnswers,
  language: ZLanguage.optional(),
});

/** 201 of POST /api/v1/visits/{id}/self-intake-link */
export interface TSelfIntakeLink {
  url: string;
  expiresAt: string;
}

/** GET /api/v1/self-intake: what the patient's form opens with (never the staff-only answers). */
export interface TPatientVisit {
  version: number;
  answers: Record<string, unknown>;
  language: TSelfIntakeLanguage;
  today: string;
}

/** PUT /api/v1/self-intake and POST /api/v1/self-intake/finish */
export interface TPatientSaved {
  version: number;
  /** an answer alone fires an emergency rule: the patient is asked to tell the front desk now, and staff are alerted */
  tellDeskNow: boolean;
}
