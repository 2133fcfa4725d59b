// API request bodies for visits (the answers inside are checked by lib/clinical's schemas).
import { z } from "zod";
import { MODALITIES } from "@/lib/clinical/types";
import { BLANK_REASONS, type TBlankReason, type TBlankReasonCode } from "./blank-reasons";

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

/**
 * Why staff submit with blank safety answers (knowledge.md 0.4 item 1): required when DATA-02 would fire, so an
 * unasked question is never skipped without a stated reason. Stored with the visit, audited, shown to the doctor.
 */
export { BLANK_REASONS, type TBlankReasonCode } from "./blank-reasons";

const BLANK_CODES = BLANK_REASONS.map((r) => r.value) as [TBlankReasonCode, ...TBlankReasonCode[]];

/** A coded reason (a BLANK_REASONS code, with text for "other"); `name` is the body field the messages name. */
function codedReason(name: string) {
  return z
    .strictObject(
      {
        code: z.enum(BLANK_CODES, { error: `${name}.code must be one of ${BLANK_CODES.join(", ")}` }),
        text: z
          .string({ error: `${name}.text must be text` })
          .trim()
          .max(500, `${name}.text must be at most 500 characters`)
          .nullish(),
      },
      { error: `${name} must be an object with a code (and text for other)` },
    )
    .superRefine((r, ctx) => {
      if (r.code === "other" && !r.text) ctx.addIssue({ code: "custom", path: ["text"], message: `${name}.text is required when the reason is other` });
    })
    .transform((r): TBlankReason => ({ code: r.code, text: r.text ? r.text : null }));
}

export const ZBlankReason = codedReason("blankReason");

export type { TBlankReason };

export const ZSubmitVisit = z.strictObject({
  version: ZVersion,
  answers: z.record(z.string(), z.unknown(), { error: "answers must be an object of answers keyed by field id" }).optional(),
  blankReason: ZBlankReason.optional(),
});

export type TSubmitVisit = z.output<typeof ZSubmitVisit>;

export const OVERRIDE_REASONS = [
  { value: "clinical_examination", label: "Clinical examination findings" },
  { value: "already_imaged", label: "Already imaged" },
  { value: "contraindication", label: "Contraindication" },
  { value: "patient_preference", label: "Patient preference" },
  { value: "clinical_judgement", label: "Clinical judgement" },
  { value: "other", label: "Other (explain)" },
] as const;

export type TOverrideReason = (typeof OVERRIDE_REASONS)[number]["value"];

const OVERRIDE_CODES = OVERRIDE_REASONS.map((r) => r.value) as [TOverrideReason, ...TOverrideReason[]];

const text = (field: string, max: number) =>
  z.string({ error: `${field} must be text` }).trim().max(max, `${field} must be at most ${max} characters`);

export const ZDecision = z
  .strictObject({
    version: ZVersion,
    action: z.enum(["accept", "override"], { error: "action must be accept or override" }),
    modality: z.enum(MODALITIES, { error: `modality must be one of ${MODALITIES.join(", ")}` }).optional(),
    reasonCode: z.enum(OVERRIDE_CODES, { error: `reasonCode must be one of ${OVERRIDE_CODES.join(", ")}` }).optional(),
    reasonText: text("reasonText", 2000).optional(),
    note: text("note", 4000).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.action === "override") {
      if (!d.modality) ctx.addIssue({ code: "custom", path: ["modality"], message: "modality is required to override: the imaging you choose instead" });
      if (!d.reasonCode) ctx.addIssue({ code: "custom", path: ["reasonCode"], message: "reasonCode is required to override" });
      if (d.reasonCode === "other" && !d.reasonText) ctx.addIssue({ code: "custom", path: ["reasonText"], message: "reasonText is required when the reason is other" });
    } else if (d.modality || d.reasonCode) {
      ctx.addIssue({ code: "custom", path: [d.modality ? "modality" : "reasonCode"], message: "only an override takes a modality and a reason" });
    }
  });

/**
 * Signing. `acknowledgeProvisional`: the doctor confirms having asked the unanswered safety questions of a
 * provisional result (DATA-01); the server requires it to be true exactly when the stored result is missing
 * answers, and ignores it otherwise.
 */
export const ZSign = z.strictObject({
  version: ZVersion,
  acknowledgeProvisional: z.boolean({ error: "acknowledgeProvisional must be true or false" }).optional(),
  /** Required to sign a provisional result: why the blank safety answers truly cannot be obtained. */
  provisionalReason: codedReason("provisionalReason").optional(),
});

export type TSign = z.output<typeof ZSign>;

/**
 * Completing a submitted visit's blank answers (POST /api/v1/visits/{id}/amend): only questions that are blank
 * now; answers already given are never changed this way.
 */
export const ZAmend = z.strictObject({
  version: ZVersion,
  answers: z
    .record(z.string(), z.unknown(), { error: "answers must be an object of answers keyed by field id" })
    .refine((a) => Object.keys(a).length > 0, "answers must hold at least one answer"),
});

export type TAmend = z.output<typeof ZAmend>;

/** Marking a recall-list entry (Ruleset change review) as reviewed. */
export const ZRecallReview = z.strictObject({
  note: text("note", 2000).optional(),
});

export const ZAddendum = z.strictObject({
  text: text("text", 4000).min(1, "text is required"),
});
