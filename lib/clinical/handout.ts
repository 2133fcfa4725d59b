// The patient handout: one page in plain words for the patient to take home. What happens next (from the urgency
// and the doctor's imaging decision), when to get help at once (the safety net, and any safety advice), and
// self-care (the patient advice of advice.ts). The same content is shown on the handout page and printed as the
// last page of the visit summary PDF. No rule ids, field ids or sources: the clinician's reasoning stays in the
// summary.
import { adviceOf } from "./advice";
import type { Evaluation, Modality } from "./types";

export interface THandoutInput {
  readonly evaluation: Pick<Evaluation, "urgency" | "status" | "imaging" | "blood_tests" | "safety_net" | "explanations" | "conservative_care_content">;
  /** the doctor's imaging decision, when one was recorded */
  readonly decision: { readonly action: "accept" | "override"; readonly modality: Modality | null } | null;
}

export interface THandout {
  readonly title: string;
  /** one sentence in large print: what the patient does now */
  readonly headline: string;
  readonly nextSteps: readonly string[];
  readonly urgentHelp: readonly string[];
  readonly selfCare: readonly string[];
}

/** Imaging in the patient's words. */
const SCAN_WORDS: Record<Exclude<Modality, "none">, string> = {
  xray: "an X-ray",
  ct: "a CT scan",
  mri: "an MRI scan",
};

const HEADLINES: Record<Evaluation["urgency"], string> = {
  emergency: "Go to the emergency department now.",
  urgent: "A doctor needs to see you within 24 hours.",
  routine_soon: "A doctor will see you at a routine appointment soon.",
  none: "Your answers showed no warning signs.",
};

const FIRST_STEP: Record<Evaluation["urgency"], string> = {
  emergency: "Your symptoms need to be checked in an emergency department straight away. Do not wait to see whether they get better, and do not drive yourself.",
  urgent: "The clinic will arrange for a doctor to see you within 24 hours. If nobody has contacted you by tomorrow, phone the clinic.",
  routine_soon: "The clinic will book a routine appointment with a doctor. If you have not heard from us within two weeks, phone the clinic.",
  none: "A doctor looks at every visit and will contact you if anything needs to change.",
};

function imagingStep(input: THandoutInput): string {
  const d = input.decision;
  const planned = d ? (d.action === "accept" ? input.evaluation.imaging.modality : (d.modality ?? "none")) : null;
  if (planned === null) {
    return input.evaluation.imaging.modality === "none"
      ? "You do not need a scan or an X-ray at the moment."
      : "A doctor will decide whether you need a scan or an X-ray, and the clinic will tell you.";
  }
  if (planned === "none") return "Your doctor decided that you do not need a scan or an X-ray now.";
  return `Your doctor has planned ${SCAN_WORDS[planned]}. The clinic will tell you when and where.`;
}

export function patientHandout(input: THandoutInput): THandout {
  const e = input.evaluation;
  const advice = adviceOf(e).patient;
  const nextSteps = [FIRST_STEP[e.urgency], imagingStep(input)];
  if (e.blood_tests.required) nextSteps.push("You may need a blood test. The clinic will tell you if you do.");
  if (e.status === "provisional") nextSteps.push("Some questions were not answered yet. The clinic may ask you them again.");
  return {
    title: "Your back pain: what happens next",
    // With safety answers still blank, "no warning signs" cannot be said.
    headline: e.status === "provisional" && e.urgency === "none" ? "A doctor will review your answers." : HEADLINES[e.urgency],
    nextSteps,
    urgentHelp: [e.safety_net.text, ...advice.filter((a) => a.safety).map((a) => a.text)],
    selfCare: e.urgency === "emergency" ? [] : advice.filter((a) => !a.safety).map((a) => a.text),
  };
}
