import type { QuestionDef } from "../types";

export const A1_QUESTIONS = [
  {
    id: "visit_date",
    short: "the visit date",
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
    short: "age",
    section: "a.1",
    label: "How old is the patient?",
    help:
      "Whole years, 0 to 110. Under 16 the emergency checks still run and a doctor reviews the case the same day.",
    type: "integer",
    unit: "years",
    // 0.4 items 2 and 11: under-16 ages reach the engine (emergency rules, OUT-OF-SCOPE-01), so validation starts at 0.
    min: 0,
    max: 110,
    required: true,
    sources: ["[NICE-NG59]", "[ACP-2007]", "[ACR-V6]"],
  },
  {
    id: "sex",
    short: "sex",
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
