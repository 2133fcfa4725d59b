// Advisory rules, knowledge.md e and 0.4 items 5, 8-10. They never change the tier or the modality; ADV-DIURETIC
// and ADV-RENAL may add a panel, ADV-PREGNANCY an imaging note.
import { all, any, eq, ge, gt, has, is, lt, ne, not, oneOf } from "../conditions";
import { NSAID_CAUTION } from "../content";

/** 0.4 item 10: carried by every imaging suggestion while ADV-PREGNANCY fires. */
export const PREGNANCY_IMAGING_NOTE =
  "pregnant or possibly pregnant: prefer MRI without gadolinium where it answers the question; do not withhold CT in an emergency";
import type { RuleDef } from "../types";

const SEED0 = "[seed:000_fd293d1e9a32864c.txt]";
const SEED1 = "[seed:001_c414019c585f5f4f.txt]";
const SEED2 = "[seed:002_1bf515739626229e.txt]";
const SEED3 = "[seed:003_14fe80c169d2bdef.txt]";
const SEED4 = "[seed:004_3b59962cdd60841f.txt]";

function advisory(
  id: string,
  title: string,
  when: RuleDef["when"],
  message: string,
  sources: readonly string[],
  extra: Partial<RuleDef> = {},
): RuleDef {
  return { id, kind: "advisory", title, tier: null, when, action: message, message, sources, ...extra };
}

export const ADVISORY_RULES: readonly RuleDef[] = [
  advisory(
    "ADV-STRESS",
    "High stress",
    eq("stress_level", "high"),
    "Stress raises muscle tension; offer relaxation, breathing and mindfulness resources.",
    [SEED4, SEED2, "[ACP-2017]"],
  ),
  advisory(
    "ADV-SLEEP",
    "Short sleep",
    lt("sleep_hours", 7),
    "Aim for 7-8 h of sleep; a supportive pillow and mattress and a comfortable position.",
    [SEED4],
  ),
  advisory(
    "ADV-SITTING",
    "Prolonged sitting without breaks",
    // A blank hourly_breaks_when_sitting counts as no breaks (e, 0.3 item 2).
    all(ge("sitting_hours_per_day", 6), not(is("hourly_breaks_when_sitting"))),
    "Stand and stretch hourly; use a chair with lumbar support; consider a standing desk.",
    [SEED2, SEED4, "[design]"],
  ),
  advisory(
    "ADV-ACTIVITY",
    "Low physical activity",
    any(lt("aerobic_equiv", 150), lt("strength_days_per_week", 2)),
    "Work up to 150 min of moderate (or 75 min of vigorous) activity a week plus 2 days of strength work, core included.",
    [SEED2, "[clinical-knowledge]"],
  ),
  advisory(
    "ADV-POSTURE",
    "Poor posture",
    oneOf("posture_self_rating", ["sometimes_poor", "mostly_poor"]),
    "Neutral spine, relaxed shoulders, hips and knees aligned; set up the workstation.",
    [SEED4, SEED3],
  ),
  advisory(
    "ADV-HYDRATION",
    "Low fluid intake or dehydration",
    any(lt("daily_fluid_litres", 1.5), is("dehydration_signs"), is("heavy_sweating_or_heat")),
    "Drink regularly, more in heat or sport.",
    [SEED4, "[design]"],
  ),
  advisory(
    "ADV-NUTRITION",
    "Diet low in calcium or minerals",
    oneOf("diet_pattern", ["low_calcium_or_dairy", "mostly_processed", "restrictive_or_dieting"]),
    "Calcium, vitamin D and potassium-rich foods; fewer processed foods.",
    [SEED4, SEED1],
  ),
  advisory(
    "ADV-DIURETIC",
    "Diuretic use",
    has("medications", "diuretic"),
    "Fluids; the doctor reviews the diuretic and checks electrolytes when spasms are frequent.",
    [SEED4, "[clinical-knowledge]"],
    {
      panels: [
        { panel: "electrolytes", when: oneOf("spasm_frequency", ["daily", "several_times_daily", "constant"]) },
      ],
    },
  ),
  advisory(
    "ADV-RELAXANT",
    "Muscle relaxant use",
    has("medications", "muscle_relaxant"),
    "Short course only; drowsiness, dizziness and slower reactions; do not drive.",
    [SEED2, "[ACP-2017]"],
  ),
  advisory(
    "ADV-OPIOID",
    "Opioid use",
    has("medications", "opioid"),
    "Medication review: opioids are a last resort (ACP) and not for chronic low back pain (NICE).",
    ["[ACP-2017]", "[NICE-NG59]"],
  ),
  advisory(
    "ADV-STRAIN",
    "Strain from lifting, twisting or sport",
    all(oneOf("mechanism", ["lifting_or_bending", "twisting", "sports_activity"]), ne("trauma_energy", "major")),
    "Lift by bending the knees, keep loads close, avoid twisting while lifting; warm up; build up gradually; " +
      "return to sport step by step.",
    [SEED0, SEED1, SEED4],
  ),
  advisory(
    "ADV-PSYCHOSOCIAL",
    "Psychosocial risk factors",
    any(is("low_mood_or_anxiety"), is("fear_movement_harmful"), is("work_or_compensation_issue")),
    "Higher risk of long-lasting disabling pain; the clinician considers risk stratification and combined " +
      "physical and psychological support.",
    ["[ACP-2007]", "[NICE-NG59]"],
  ),
  advisory(
    "ADV-PAIN",
    "Severe pain",
    ge("pain_score_now", 8),
    "Severe pain: prompt analgesia and function review by the clinician; not by itself a reason for imaging.",
    ["[ACP-2007]", SEED0, SEED2],
  ),
  // 0.4 item 5. A blank age makes the age term false (0.4 item 14). The conservative-care content carries this
  // caution beside every NSAID it mentions whenever it fires (content.ts).
  advisory(
    "ADV-NSAID-CAUTION",
    "NSAID caution (anticoagulant, or over 65)",
    any(has("medications", "anticoagulant"), gt("age_years", 65)),
    NSAID_CAUTION,
    ["[NICE-NG59]"],
  ),
  // 0.4 item 8
  advisory(
    "ADV-RENAL",
    "Kidney stones with flank pain or sudden onset",
    all(has("conditions", "kidney_stones"), any(has("pain_location", "abdomen_or_flank"), eq("onset_type", "sudden"))),
    "Consider renal colic: urinalysis.",
    ["[clinical-knowledge]"],
    { panels: [{ panel: "renal" }] },
  ),
  // 0.4 item 9: routes the case to the doctor queue; no tier.
  advisory(
    "ADV-STRATIFIED-HIGH",
    "High risk of persistent disabling pain (risk stratification)",
    eq("risk_stratification_category", "high"),
    "High risk of persistent disabling pain: offer a combined physical and psychological programme.",
    ["[NICE-NG59]"],
    { doctor_queue: true },
  ),
  // 0.4 item 10: routes the case to the doctor queue and adds PREGNANCY_IMAGING_NOTE to any imaging suggestion;
  // it changes no tier and no modality. It reads the recorded answer only.
  advisory(
    "ADV-PREGNANCY",
    "Pregnant, recently given birth, or unsure",
    oneOf("pregnancy_status", ["pregnant", "postpartum_under_12_weeks", "unsure"]),
    "In later pregnancy, regular tightening, bleeding or fluid loss means maternity assessment now.",
    ["[clinical-knowledge]"],
    {
      doctor_queue: true,
      imaging_note: PREGNANCY_IMAGING_NOTE,
      action:
        "The doctor reviews the case. Imaging: prefer MRI without gadolinium where it answers the question; do " +
        "not withhold CT in an emergency. In later pregnancy, regular tightening, bleeding or fluid loss means " +
        "maternity assessment now.",
    },
  ),
];
