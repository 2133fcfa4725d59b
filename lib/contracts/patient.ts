// The patient registration schema: shared by the registration form (react-hook-form) and the API.
import { z } from "zod";
import { personName, searchText } from "./text";

export const PATIENT_SEXES = [
  { value: "female", label: "Female" },
  { value: "male", label: "Male" },
  { value: "other", label: "Other" },
  { value: "unknown", label: "Unknown" },
] as const;

export const ZPatientInput = z.strictObject(
  {
    mrn: z
      .string({ error: "MRN is required" })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, "MRN must be 3 to 32 letters, digits or hyphens"),
    givenName: personName("Given name"),
    familyName: personName("Family name"),
    birthDate: z.iso
      .date({ error: "Date of birth must be a date (YYYY-MM-DD)" })
      .refine((d) => d >= "1900-01-01", "Date of birth must be after 1900-01-01")
      .refine((d) => d <= new Date().toISOString().slice(0, 10), "Date of birth cannot be in the future"),
    sex: z.enum(["female", "male", "other", "unknown"], { error: "Sex must be one of female, male, other, unknown" }),
    /**
     * The person registering has seen the likely matches (a patient with a similar name and the same date of
     * birth) and says this is someone else. Without it, such a registration is a 409 listing the matches.
     */
    confirmDistinct: z.boolean({ error: "confirmDistinct must be true or false" }).optional(),
  },
  { error: (iss) => (iss.code === "unrecognized_keys" ? `Unknown field(s): ${iss.keys.join(", ")}` : undefined) },
);

export type TPatientInput = z.input<typeof ZPatientInput>;
export type TPatientData = z.output<typeof ZPatientInput>;

/** A registered patient the server thinks may be the person being registered (409 `matches`). */
export interface TLikelyMatch {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

const PATIENT_PAGE_SIZES = [10, 25, 50, 100];
const patientSearchText = searchText("q").default("");
const searchPage = (n: z.ZodNumber) => n.int("page must be a whole number").min(1, "page must be 1 or more").max(100_000, "page must be at most 100000").default(1);
const searchPageSize = (n: z.ZodNumber) =>
  n.int("pageSize must be a whole number").refine((v) => PATIENT_PAGE_SIZES.includes(v), "pageSize must be 10, 25, 50 or 100").default(25);

/** The patient list as a query string (GET /api/v1/patients): numbers arrive as text. The route refuses `q` there. */
export const ZPatientSearch = z.object({
  q: patientSearchText,
  page: searchPage(z.coerce.number({ error: "page must be a whole number" })),
  pageSize: searchPageSize(z.coerce.number({ error: "pageSize must be a whole number" })),
});

/**
 * A patient search as a JSON body (POST /api/v1/patients/search), where the name or MRN may travel: the same
 * fields and messages, numbers as JSON numbers, unknown fields named as errors.
 */
export const ZPatientSearchBody = z.strictObject({
  q: patientSearchText,
  page: searchPage(z.number({ error: "page must be a whole number" })),
  pageSize: searchPageSize(z.number({ error: "pageSize must be a whole number" })),
});
