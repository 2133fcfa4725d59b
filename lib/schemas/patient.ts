// The patient registration schema: shared by the registration form (react-hook-form) and the API.
import { z } from "zod";

export const PATIENT_SEXES = [
  { value: "female", label: "Female" },
  { value: "male", label: "Male" },
  { value: "other", label: "Other" },
  { value: "unknown", label: "Unknown" },
] as const;

const name = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(100, `${field} must be at most 100 characters`)
    .refine((v) => !/[\u0000-\u001f\u007f<>]/.test(v), `${field} must not contain control characters or < >`);

export const ZPatientInput = z.strictObject(
  {
    mrn: z
      .string({ error: "MRN is required" })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, "MRN must be 3 to 32 letters, digits or hyphens"),
    givenName: name("Given name"),
    familyName: name("Family name"),
    birthDate: z.iso
      .date({ error: "Date of birth must be a date (YYYY-MM-DD)" })
      .refine((d) => d >= "1900-01-01", "Date of birth must be after 1900-01-01")
      .refine((d) => d <= new Date().toISOString().slice(0, 10), "Date of birth cannot be in the future"),
    sex: z.enum(["female", "male", "other", "unknown"], { error: "Sex must be one of female, male, other, unknown" }),
  },
  { error: (iss) => (iss.code === "unrecognized_keys" ? `Unknown field(s): ${iss.keys.join(", ")}` : undefined) },
);

export type TPatientInput = z.input<typeof ZPatientInput>;
export type TPatientData = z.output<typeof ZPatientInput>;

export const ZPatientSearch = z.object({
  q: z.string().trim().max(100, "q must be at most 100 characters").default(""),
  page: z.coerce.number({ error: "page must be a whole number" }).int("page must be a whole number").min(1, "page must be 1 or more").max(100_000).default(1),
  pageSize: z.coerce
    .number({ error: "pageSize must be a whole number" })
    .int("pageSize must be a whole number")
    .refine((n) => [10, 25, 50, 100].includes(n), "pageSize must be 10, 25, 50 or 100")
    .default(25),
});
