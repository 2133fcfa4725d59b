// API request bodies for visits (the answers inside are checked by lib/clinical's schemas).
import { z } from "zod";

export const ZVersion = z
  .number({ error: "version is required: the visit version you loaded" })
  .int("version must be a whole number")
  .min(1, "version must be 1 or more")
  .max(2_147_483_647, "version is too large");

export const ZStartVisit = z.strictObject({
  patientId: z.uuid({ error: "patientId must be a patient id (UUID)" }),
});

export const ZSaveDraft = z.strictObject({
  version: ZVersion,
  answers: z.record(z.string(), z.unknown(), { error: "answers must be an object of answers keyed by field id" }),
});

export const ZSubmitVisit = z.strictObject({
  version: ZVersion,
  answers: z.record(z.string(), z.unknown(), { error: "answers must be an object of answers keyed by field id" }).optional(),
});
