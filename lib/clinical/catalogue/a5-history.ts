import { has } from "../conditions";
import type { QuestionDef } from "../types";

const SEED1 = "[seed:001_c414019c585f5f4f.txt]";
const SEED0 = "[seed:000_fd293d1e9a32864c.txt]";
const SEED2 = "[seed:002_1bf515739626229e.txt]";
const SEED3 = "[seed:003_14fe80c169d2bdef.txt]";
const SEED4 = "[seed:004_3b59962cdd60841f.txt]";

const STEROIDS_TICKED = has("medications", "systemic_corticosteroid");

export const A5_QUESTIONS = [
  {
    id: "conditions",
    section: "a.5",
    label: "Which of these conditions has the patient been told they have? (tick all, or none)",
    type: "multi-enum",
    options: [
      { value: "none", label: "None of these" },
      { value: "osteoarthritis_spine", label: "Osteoarthritis of the spine" },
      { value: "disc_herniation", label: "Disc herniation (slipped disc)" },
      { value: "spinal_stenosis", label: "Spinal stenosis" },
      { value: "osteoporosis", label: "Osteoporosis" },
      { value: "prior_vertebral_fracture", label: "Previous vertebral fracture" },
      { value: "multiple_sclerosis", label: "Multiple sclerosis" },
      { value: "fibromyalgia", label: "Fibromyalgia" },
      { value: "inflammatory_arthritis", label: "Inflammatory arthritis" },
      { value: "enthesitis", label: "Enthesitis" },
      { value: "psoriasis", label: "Psoriasis" },
      { value: "inflammatory_bowel_disease", label: "Inflammatory bowel disease" },
      { value: "uveitis", label: "Uveitis" },
      { value: "diabetes", label: "Diabetes" },
      { value: "kidney_stones", label: "Kidney stones" },
    ],
    exclusive: "none",
    required: true,
    sources: [SEED3, SEED4, SEED2, "[NICE-NG65]", "[ACR-V6]"],
  },
  {
    id: "family_history_spondyloarthritis",
    section: "a.5",
    label: "Does a parent, sibling or child have ankylosing spondylitis or another spondyloarthritis?",
    type: "boolean",
    required: false,
    sources: ["[NICE-NG65]"],
  },
  {
    id: "medications",
    section: "a.5",
    label: "Which of these medicines is the patient taking now? (tick all, or none)",
    type: "multi-enum",
    options: [
      { value: "none", label: "None of these" },
      { value: "diuretic", label: "Diuretic (water tablet)" },
      { value: "systemic_corticosteroid", label: "Steroid tablets or injections (e.g. prednisolone)" },
      { value: "muscle_relaxant", label: "Muscle relaxant" },
      { value: "nsaid", label: "Anti-inflammatory (NSAID, e.g. ibuprofen)" },
      { value: "acetaminophen", label: "Paracetamol (acetaminophen)" },
      { value: "opioid", label: "Opioid painkiller" },
      { value: "anticoagulant", label: "Anticoagulant (blood thinner)" },
      { value: "immunosuppressant_or_biologic", label: "Immunosuppressant or biologic" },
      { value: "other", label: "Other" },
    ],
    exclusive: "none",
    required: true,
    sources: [SEED4, SEED2, "[ACP-2007]", "[ACR-V7]"],
  },
  {
    id: "corticosteroid_months",
    section: "a.5",
    label: "For how many months has the patient taken steroid tablets or injections (e.g. prednisolone)?",
    help: "Required when steroid tablets or injections are ticked. 3 months or more counts as prolonged.",
    type: "number",
    unit: "months",
    min: 0,
    max: 600,
    required: false,
    requiredWhen: STEROIDS_TICKED,
    showWhen: STEROIDS_TICKED,
    sources: ["[ACP-2007]", "[DOWNIE-2013]", "[clinical-knowledge]"],
  },
  {
    id: "medication_details",
    section: "a.5",
    label: "Names and doses",
    type: "text",
    maxLength: 2000,
    required: false,
    informational: true,
    sources: ["[design]"],
  },
  {
    id: "recent_activity",
    section: "a.5",
    label: "In the weeks before the pain, any of these? (tick all)",
    type: "multi-enum",
    options: [
      { value: "none", label: "None of these" },
      { value: "heavy_lifting", label: "Heavy lifting" },
      { value: "manual_labour", label: "Manual labour" },
      { value: "new_or_intense_exercise", label: "New or intense exercise" },
      { value: "weightlifting", label: "Weightlifting" },
      { value: "contact_sport", label: "Contact sport" },
      { value: "twisting_sport", label: "Twisting sport (golf, tennis, squash...)" },
      { value: "prolonged_driving", label: "Prolonged driving" },
      { value: "household_tasks", label: "Household tasks or gardening" },
    ],
    exclusive: "none",
    required: false,
    informational: true,
    sources: [SEED3, SEED1, SEED0],
  },
  {
    id: "conservative_care_weeks",
    section: "a.5",
    label:
      "For how many weeks has the patient followed a treatment plan for this episode " +
      "(exercise/physio, medicines, activity advice)?",
    help: "0 if no plan has been followed yet.",
    type: "integer",
    unit: "weeks",
    min: 0,
    max: 520,
    required: true,
    sources: ["[ACR-V3]", "[ACP-2007]"],
  },
  {
    id: "response_to_care",
    section: "a.5",
    label: "How is it going with that plan?",
    type: "enum",
    options: [
      { value: "not_tried", label: "No plan tried yet" },
      { value: "improving", label: "Improving" },
      { value: "no_change", label: "No change" },
      { value: "worsening", label: "Getting worse" },
    ],
    neutral: "not_tried",
    required: true,
    sources: ["[ACR-V3]", "[ACP-2011]"],
  },
  {
    id: "intervention_candidate",
    section: "a.5",
    label:
      "Would the patient consider a spinal injection or surgery if a treatable cause were found? " +
      "(the doctor confirms)",
    type: "boolean",
    required: false,
    sources: ["[ACP-2007]", "[ACR-V3]"],
  },
  {
    id: "risk_stratification_category",
    section: "a.5",
    label:
      "If a clinician scored a licensed risk-stratification tool outside this app, record the band",
    help: "The app stores only the band (e.g. from STarT Back scored elsewhere), never the tool itself.",
    type: "enum",
    options: [
      { value: "not_done", label: "Not done" },
      { value: "low", label: "Low risk" },
      { value: "medium", label: "Medium risk" },
      { value: "high", label: "High risk" },
    ],
    neutral: "not_done",
    required: false,
    sources: ["[NICE-NG59]", "[SBST]"],
  },
] as const satisfies readonly QuestionDef[];
