// Who each piece of advice is for. The advisory rules and the conservative-care content are written for the
// clinician ("offer ...", "Prescribing: ..."); some of it is advice the patient takes home, some of it (medicines,
// reviews, tests) is for the clinician only. Every advisory rule and every conservative-care item has an entry
// here with its audience, and a patient item its words for the patient; the module refuses to load when one is
// missing, so a new rule or item cannot reach a patient unclassified. The patient words decide nothing, so they are
// not part of the ruleset hash (version.ts), like the questions' observation coding.
import { CONSERVATIVE_CARE } from "./content";
import { ADVISORY_RULES } from "./rules";
import type { Evaluation } from "./types";

export type TAudience = "patient" | "clinician";

export type TAdviceDef =
  | {
      readonly audience: "patient";
      /** what the patient is told, in plain words */
      readonly patient: string;
      /** when to seek help at once (the handout's "get help now" list), not self-care */
      readonly safety?: true;
    }
  | { readonly audience: "clinician" };

const clinician: TAdviceDef = { audience: "clinician" };

/** Keyed by advisory rule id and conservative-care item id. */
export const ADVICE: Readonly<Record<string, TAdviceDef>> = {
  "ADV-STRESS": {
    audience: "patient",
    patient: "Stress can tighten the muscles in your back. Relaxation, slow breathing and mindfulness can help: ask us for resources.",
  },
  "ADV-SLEEP": { audience: "patient", patient: "Aim for 7 to 8 hours of sleep. A supportive pillow and mattress and a comfortable position help." },
  "ADV-SITTING": {
    audience: "patient",
    patient: "If you sit for long periods, stand up and stretch every hour. Use a chair that supports your lower back; a standing desk is an option.",
  },
  "ADV-ACTIVITY": {
    audience: "patient",
    patient:
      "Build up to 150 minutes of moderate activity a week (or 75 minutes of vigorous activity), plus strength exercises, including your core, on 2 days a week.",
  },
  "ADV-POSTURE": {
    audience: "patient",
    patient: "Keep your back straight but relaxed, shoulders loose, hips and knees in line. Set up your desk and screen to help you sit well.",
  },
  "ADV-HYDRATION": { audience: "patient", patient: "Drink regularly through the day, and more in hot weather or when you exercise." },
  "ADV-NUTRITION": { audience: "patient", patient: "Choose foods rich in calcium, vitamin D and potassium, and eat fewer processed foods." },
  "ADV-DIURETIC": clinician,
  "ADV-RELAXANT": {
    audience: "patient",
    patient: "Muscle relaxants are for a short course only. They can make you drowsy or dizzy and slow your reactions: do not drive while you take them.",
  },
  "ADV-OPIOID": clinician,
  "ADV-STRAIN": {
    audience: "patient",
    patient:
      "When you lift, bend your knees, keep the load close to your body and do not twist. Warm up before sport, build up gradually and return to sport step by step.",
  },
  "ADV-PSYCHOSOCIAL": clinician,
  "ADV-PAIN": clinician,
  "ADV-NSAID-CAUTION": clinician,
  "ADV-RENAL": clinician,
  "ADV-STRATIFIED-HIGH": clinician,
  "ADV-PREGNANCY": {
    audience: "patient",
    safety: true,
    patient: "If you are in later pregnancy: regular tightening, bleeding or losing fluid means you need a maternity assessment now.",
  },
  "CC-REASSURE": { audience: "patient", patient: "Most back pain gets much better within a month. Stay active and avoid bed rest." },
  "CC-ACUTE": clinician,
  "CC-CHRONIC": clinician,
  "CC-NICE-DRUGS": clinician,
  "CC-EXERCISE": { audience: "patient", patient: "Exercise helps back pain. Ask us about an exercise programme that suits you." },
};

const unclassified = [...ADVISORY_RULES.map((r) => r.id), ...CONSERVATIVE_CARE.map((c) => c.id)].filter((id) => !(id in ADVICE));
if (unclassified.length > 0) throw new Error(`advice without an audience (lib/clinical/advice.ts): ${unclassified.join(", ")}`);

/** An item this ruleset does not know (an evaluation stored by another version) is the clinician's: never shown to a patient unread. */
export function adviceDef(id: string): TAdviceDef {
  return ADVICE[id] ?? clinician;
}

export interface TPatientAdvice {
  readonly id: string;
  /** the rule's title, for advisory rules; null for conservative-care items */
  readonly title: string | null;
  readonly text: string;
  readonly safety: boolean;
}

export interface TClinicianAdvice {
  readonly id: string;
  readonly title: string | null;
  /** the rule's message or the content as the evaluation holds it (NSAID items with the caution) */
  readonly text: string;
}

export interface TAdvice {
  readonly patient: readonly TPatientAdvice[];
  readonly clinician: readonly TClinicianAdvice[];
}

/** The evaluation's advisories and conservative-care content, split by audience, in the evaluation's order. */
export function adviceOf(e: Pick<Evaluation, "explanations" | "conservative_care_content">): TAdvice {
  const patient: TPatientAdvice[] = [];
  const clinicianLines: TClinicianAdvice[] = [];
  const items = [
    ...e.explanations.filter((x) => x.kind === "advisory").map((x) => ({ id: x.rule, title: x.title as string | null, text: x.message ?? x.action })),
    ...e.conservative_care_content.map((c) => ({ id: c.id, title: null, text: c.text })),
  ];
  for (const item of items) {
    const def = adviceDef(item.id);
    if (def.audience === "patient") patient.push({ id: item.id, title: item.title, text: def.patient, safety: def.safety === true });
    else clinicianLines.push(item);
  }
  return { patient, clinician: clinicianLines };
}
