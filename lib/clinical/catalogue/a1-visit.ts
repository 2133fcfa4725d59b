import type { QuestionDef } from "../types";

export const A1_QUESTIONS = [
  {
    id: "visit_date",
    section: "a.1",
    label: "Date of this intake",
    help: "Filled in automatically. It cannot be in the future.",
    type: "date",
    required: true,
    auto: true,
    sources: ["[design]"],
  },
  {
    id: "age_years",
    section: "a.1",
    label: "How old is the patient?",
    help:
      "Whole years. The decision support covers ages 16 to 110; under 16 the intake is accepted but the case " +
      "is out of scope and goes to a doctor.",
    type: "integer",
    unit: "years",
    // 0.3 item 6 needs under-16 ages to reach the engine (OUT-OF-SCOPE-01), so validation starts at 0.
    min: 0,
    max: 110,
    required: true,
    sources: ["[NICE-NG59]", "[ACP-2007]", "[ACR-V6]"],
  },
  {
    id: "sex",
    section: "a.1",
    label: "Sex recorded for clinical purposes",
    type: "enum",
    options: [
      { value: "female", label: "Female" },
      { value: "male", label: "Male" },
      { value: "other", label: "Other" },
      { value: "not_stated", label: "Not stated" },
    ],
    required: true,
    sources: ["[ACP-2011]", "[AAA-REFS]"],
  },
] as const satisfies readonly QuestionDef[];
