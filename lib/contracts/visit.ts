// API request bodies for visits (the answers inside are checked by lib/clinical's schemas).
import { z } from "zod";
import { MODALITIES } from "@/lib/clinical/types";
import { BLANK_REASONS, type TBlankReason, type TBlankReasonCode } from "./blank-reasons";
import { MODALITY_LABELS } from "./labels";

// Messages are read by people (forms show them beside the field; the API returns them in `fields[].message`): each
// names the field as the form labels it ("Reason: choose a reason"), never by its body key (`fields[].field` keeps
// the key for programs).

export const ZVersion = z
  .number({ error: "Version: required (the version of the visit you loaded)" })
  .int("Version: must be a whole number")
  .min(1, "Version: must be 1 or more")
  .max(2_147_483_647, "Version: is too large");

export const ZStartVisit = z.strictObject({
  patientId: z.uuid({ error: "Patient: choose a patient (send the patient's id)" }),
});

const ANSWERS_MESSAGE = "Answers: must be a set of answers, one per question";

export const ZSaveDraft = z.strictObject({
  version: ZVersion,
  answers: z.record(z.string(), z.unknown(), { error: ANSWERS_MESSAGE }),
});

/**
 * Why staff submit with blank safety answers (knowledge.md 0.4 item 1): required when DATA-02 would fire, so an
 * unasked question is never skipped without a stated reason. Stored with the visit, audited, shown to the doctor.
 */
export { BLANK_REASONS, type TBlankReasonCode } from "./blank-reasons";

const BLANK_CODES = BLANK_REASONS.map((r) => r.value) as [TBlankReasonCode, ...TBlankReasonCode[]];

/** A coded reason (a BLANK_REASONS code, with text for "other"); `name` is what the form calls it, for the messages. */
function codedReason(name: string) {
  return z
    .strictObject(
      {
        code: z.enum(BLANK_CODES, { error: `${name}: choose one of the reasons (${BLANK_REASONS.map((r) => r.label).join("; ")})` }),
        text: z
          .string({ error: `${name}: the explanation must be text` })
          .trim()
          .max(500, `${name}: the explanation must be at most 500 characters`)
          .nullish(),
      },
      { error: `${name}: choose a reason (and explain it when it is "Other")` },
    )
    .superRefine((r, ctx) => {
      if (r.code === "other" && !r.text) ctx.addIssue({ code: "custom", path: ["text"], message: `${name}: explain the reason when it is "Other"` });
    })
    .transform((r): TBlankReason => ({ code: r.code, text: r.text ? r.text : null }));
}

export const ZBlankReason = codedReason("Reason for the blank answers");

export type { TBlankReason };

export const ZSubmitVisit = z.strictObject({
  version: ZVersion,
  answers: z.record(z.string(), z.unknown(), { error: ANSWERS_MESSAGE }).optional(),
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

/** Free text; `field` is what the form calls it, for the messages. */
const text = (field: string, max: number) =>
  z.string({ error: `${field}: must be text` }).trim().max(max, `${field}: must be at most ${max} characters`);

export const ZDecision = z
  .strictObject({
    version: ZVersion,
    action: z.enum(["accept", "override"], { error: "Decision: choose to accept the suggestion or override it" }),
    modality: z.enum(MODALITIES, { error: `Imaging: choose one of ${MODALITIES.map((m) => MODALITY_LABELS[m]).join(", ")}` }).optional(),
    reasonCode: z.enum(OVERRIDE_CODES, { error: `Reason: choose one of the reasons (${OVERRIDE_REASONS.map((r) => r.label).join("; ")})` }).optional(),
    reasonText: text("Reason in words", 2000).optional(),
    note: text("Clinical note", 4000).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.action === "override") {
      if (!d.modality) ctx.addIssue({ code: "custom", path: ["modality"], message: "Imaging: choose the imaging you want instead" });
      if (!d.reasonCode) ctx.addIssue({ code: "custom", path: ["reasonCode"], message: "Reason: choose a reason for the override" });
      if (d.reasonCode === "other" && !d.reasonText) ctx.addIssue({ code: "custom", path: ["reasonText"], message: 'Reason in words: explain the reason when it is "Other"' });
    } else if (d.modality || d.reasonCode) {
      ctx.addIssue({
        code: "custom",
        path: [d.modality ? "modality" : "reasonCode"],
        message: `${d.modality ? "Imaging" : "Reason"}: only an override takes an imaging choice and a reason`,
      });
    }
  });

/**
 * Signing. `acknowledgeProvisional`: the doctor confirms having asked the unanswered safety questions of a
 * provisional result (DATA-01); the server requires it to be true exactly when the stored result is missing
 * answers, and ignores it otherwise.
 */
export const ZSign = z.strictObject({
  version: ZVersion,
  acknowledgeProvisional: z.boolean({ error: "Confirmation: must be yes or no" }).optional(),
  /** Required to sign a provisional result: why the blank safety answers truly cannot be obtained. */
  provisionalReason: codedReason("Reason the answers cannot be obtained").optional(),
});

export type TSign = z.output<typeof ZSign>;

/**
 * Completing a submitted visit's blank answers (POST /api/v1/visits/{id}/amend): only questions that are blank
 * now; answers already given are never changed this way.
 */
export const ZAmend = z.strictObject({
  version: ZVersion,
  answers: z
    .record(z.string(), z.unknown(), { error: ANSWERS_MESSAGE })
    .refine((a) => Object.keys(a).length > 0, "Answers: give at least one answer"),
});

export type TAmend = z.output<typeof ZAmend>;

/** Marking a recall-list entry (Ruleset change review) as reviewed. */
export const ZRecallReview = z.strictObject({
  note: text("Note", 2000).optional(),
});

export const ZAddendum = z.strictObject({
  text: text("Addendum", 4000).min(1, "Addendum: write the text of the addendum"),
});
