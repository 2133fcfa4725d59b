// Why staff submit with blank safety answers (knowledge.md 0.4 item 1): the codes and their words. Kept free of
// zod so the intake form can show them without loading the validation library first.

export const BLANK_REASONS = [
  { value: "patient_unable", label: "The patient is unable to answer" },
  { value: "declined", label: "The patient declined to answer" },
  { value: "interpreter_needed", label: "An interpreter is needed" },
  { value: "other", label: "Other (explain)" },
] as const;

export type TBlankReasonCode = (typeof BLANK_REASONS)[number]["value"];

export interface TBlankReason {
  code: TBlankReasonCode;
  text: string | null;
}

/** "The patient declined to answer", or the text given with "other". */
export function blankReasonText(reason: TBlankReason): string {
  if (reason.code === "other") return reason.text ?? "Other";
  const label = BLANK_REASONS.find((r) => r.value === reason.code)?.label ?? reason.code;
  return reason.text ? `${label}: ${reason.text}` : label;
}
