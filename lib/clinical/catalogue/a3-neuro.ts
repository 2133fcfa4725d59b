import type { QuestionDef } from "../types";

const SEED4 = "[seed:004_3b59962cdd60841f.txt]";

export const A3_QUESTIONS = [
  {
    id: "leg_numbness_tingling",
    section: "a.3",
    label: "Any numbness or pins and needles in the legs or feet?",
    type: "enum",
    options: [
      { value: "none", label: "No" },
      { value: "one_leg", label: "Yes, one leg" },
      { value: "both_legs", label: "Yes, both legs" },
    ],
    neutral: "none",
    required: true,
    sources: [SEED4, "[BMJBP-CES]"],
  },
  {
    id: "leg_weakness",
    section: "a.3",
    label: "Any weakness in the legs?",
    help: "Marked = foot drop, knee giving way, cannot walk on heels or toes.",
    type: "enum",
    options: [
      { value: "none", label: "No" },
      { value: "one_leg_mild", label: "One leg, mild" },
      { value: "one_leg_marked", label: "One leg, marked (foot drop, knee giving way)" },
      { value: "both_legs", label: "Both legs" },
    ],
    neutral: "none",
    required: true,
    sources: ["[AHCPR-1994]", "[ACP-2011]", "[BMJBP-CES]"],
  },
  {
    id: "neuro_deficit_progressing",
    section: "a.3",
    label: "Has numbness or weakness got worse over the last days?",
    type: "boolean",
    required: true,
    sources: ["[ACP-2007]", "[ACP-2011]", "[ACR-2016]"],
  },
  {
    id: "gait_disturbance",
    section: "a.3",
    label: "Any new unsteadiness or difficulty walking?",
    type: "boolean",
    required: true,
    sources: ["[GLOS-RF]"],
  },
  {
    id: "pseudoclaudication",
    section: "a.3",
    label:
      "Do the legs ache, tire or go numb on walking or standing, easing when you sit or bend forward?",
    type: "boolean",
    required: false,
    sources: ["[ACP-2011]", SEED4],
  },
  {
    id: "saddle_anesthesia",
    section: "a.3",
    label: 'Any numbness around the back passage, genitals or inner buttocks (the "saddle" area)?',
    type: "boolean",
    required: true,
    sources: ["[ACP-2007]", "[AHCPR-1994]", "[BMJBP-CES]"],
  },
  {
    id: "new_urinary_retention",
    section: "a.3",
    label:
      "Any new difficulty starting to pass urine, a weak stream, or not feeling when the bladder is full?",
    type: "boolean",
    required: true,
    sources: ["[ACP-2011]", "[AHCPR-1994]", "[BMJBP-CES]"],
  },
  {
    id: "new_urinary_incontinence",
    section: "a.3",
    label: "Any new leaking of urine you cannot control?",
    type: "boolean",
    required: true,
    sources: ["[AHCPR-1994]", "[GLOS-RF]"],
  },
  {
    id: "new_bowel_incontinence",
    section: "a.3",
    label: "Any new loss of bowel control?",
    type: "boolean",
    required: true,
    sources: ["[ACP-2011]", "[GLOS-RF]"],
  },
  {
    id: "new_sexual_dysfunction",
    section: "a.3",
    label: "Any new change in sexual function (e.g. numbness, erection or ejaculation problems)?",
    type: "boolean",
    // 0.4 item 3: a cauda equina warning sign on its own, so it is a safety question.
    required: true,
    sources: ["[BMJBP-CES]"],
  },
] as const satisfies readonly QuestionDef[];
