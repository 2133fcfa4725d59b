import { all, ge, is, le, ne } from "../conditions";
import type { QuestionDef } from "../types";

// 0.3 item 8: known_aaa feeds the emergency rule RF-AAA-01, so it is required from age 50 (a blank age does not
// make it required: the age's own worst answer covers it, 0.4 item 14).
const FROM_AGE_50 = ge("age_years", 50);

// 0.4 items 10 and 14: asked when the sex is not male (a blank sex counts as not male) and the age is known and
// within 12-55.
const MAY_BE_PREGNANT = all(ne("sex", "male"), ge("age_years", 12), le("age_years", 55));

export const A4_QUESTIONS = [
  {
    id: "fever",
    section: "a.4",
    label: "Fever (felt hot or measured 38.0 C or more) with this episode?",
    type: "boolean",
    required: true,
    sources: ["[ACP-2007]", "[AHCPR-1994]", "[GLOS-RF]"],
  },
  {
    id: "temperature_c",
    section: "a.4",
    label: "Measured temperature today",
    help: "Record it if it was taken. 38.0 C or more counts as fever.",
    type: "number",
    unit: "deg C",
    // 0.4 item 11: 30.0-43.0, so a hypothermic patient's reading can be recorded.
    min: 30,
    max: 43,
    required: false,
    showWhen: is("fever"),
    sources: ["[clinical-knowledge]"],
  },
  {
    id: "chills_or_night_sweats",
    section: "a.4",
    label: "Chills, shaking or drenching night sweats?",
    help: "Counts as fever: a spinal infection can present without a measured fever.",
    type: "boolean",
    required: false,
    sources: ["[GLOS-RF]", "[AHCPR-1994]"],
  },
  {
    id: "unexplained_weight_loss",
    section: "a.4",
    label: "Lost weight without trying? (about 5% of body weight or 4.5 kg / 10 lb over 6-12 months)",
    type: "boolean",
    required: true,
    sources: ["[ACP-2007]", "[DOWNIE-2013]", "[clinical-knowledge]"],
  },
  {
    id: "faint_or_collapse",
    section: "a.4",
    label: "With this pain, have you fainted, collapsed or felt about to pass out?",
    type: "boolean",
    // 0.4 item 6: collapse with back pain is an emergency at any age (RF-AAA-01 from 50, RF-VASC-02 below).
    required: true,
    sources: ["[AAA-REFS]"],
  },
  {
    id: "history_of_cancer",
    section: "a.4",
    label: "Have you ever had cancer (not counting non-melanoma skin cancer)?",
    type: "boolean",
    required: true,
    sources: ["[ACP-2007]", "[ACP-2011]", "[DOWNIE-2013]", "[clinical-knowledge]"],
  },
  {
    id: "cancer_details",
    section: "a.4",
    label: "Type, year, current treatment",
    type: "text",
    maxLength: 2000,
    required: false,
    informational: true,
    showWhen: is("history_of_cancer"),
    sources: ["[NICE-NG234]"],
  },
  {
    id: "iv_drug_use",
    section: "a.4",
    label: "Do you inject drugs, or have you in the last 12 months?",
    type: "enum",
    options: [
      { value: "never", label: "Never" },
      { value: "past_over_12_months", label: "In the past, more than 12 months ago" },
      { value: "current_or_within_12_months", label: "Now or within the last 12 months" },
    ],
    neutral: "never",
    required: true,
    sources: ["[ACP-2011]", "[AHCPR-1994]", "[design]"],
  },
  {
    id: "immunosuppressed",
    section: "a.4",
    label:
      "Weakened immune system: HIV, organ transplant, chemotherapy in the last 12 months, or " +
      "immune-suppressing/biologic drugs? (steroids are asked separately)",
    type: "boolean",
    required: true,
    sources: ["[ACR-V7]", "[CW-NASS]", "[AHCPR-1994]"],
  },
  {
    id: "recent_bacterial_infection",
    section: "a.4",
    label: "Bacterial infection in the last 3 months (urine, skin, chest, heart valve, dental abscess)?",
    type: "boolean",
    required: true,
    sources: ["[ACP-2011]", "[AHCPR-1994]", "[design]"],
  },
  {
    id: "recent_spinal_procedure",
    section: "a.4",
    label: "Spinal surgery, spinal injection or lumbar puncture in the last 3 months?",
    type: "boolean",
    required: true,
    sources: ["[clinical-knowledge]"],
  },
  {
    id: "prior_lumbar_surgery",
    section: "a.4",
    label: "Have you ever had surgery on your lower back?",
    type: "boolean",
    required: false,
    sources: ["[ACR-V5]"],
  },
  {
    id: "known_aaa",
    section: "a.4",
    label:
      "Has anyone told you that you have an aortic aneurysm (swelling of the main artery in the abdomen)?",
    help: "Required from age 50.",
    type: "boolean",
    required: false,
    requiredWhen: FROM_AGE_50,
    sources: ["[AAA-REFS]"],
  },
  {
    id: "pregnancy_status",
    section: "a.4",
    label: "Are you pregnant, or have you given birth in the last 12 weeks?",
    help: "Asked of patients who are not male, aged 12 to 55.",
    type: "enum",
    options: [
      { value: "not_pregnant", label: "No" },
      { value: "pregnant", label: "Yes, pregnant" },
      { value: "postpartum_under_12_weeks", label: "Gave birth in the last 12 weeks" },
      { value: "unsure", label: "Not sure" },
    ],
    required: false,
    requiredWhen: MAY_BE_PREGNANT,
    showWhen: MAY_BE_PREGNANT,
    sources: ["[clinical-knowledge]"],
  },
  {
    id: "smoking_status",
    section: "a.4",
    label: "Do you smoke?",
    type: "enum",
    options: [
      { value: "never", label: "Never smoked" },
      { value: "former", label: "Former smoker" },
      { value: "current", label: "Current smoker" },
    ],
    required: false,
    informational: true,
    sources: ["[AAA-REFS]"],
  },
] as const satisfies readonly QuestionDef[];
