// Derived variables (knowledge.md a.7) as data, in dependency order: each may use intake fields and the
// derived variables listed before it. They are computed by the same evaluator as the rules, so a blank answer
// behaves exactly as 0.3 item 2 says (blank boolean = false, neutral option, blank number = comparison false).
import { all, any, blank, eq, ge, gt, has, is, lt, ne, num, oneOf } from "./conditions";
import type { DerivedDef } from "./types";

export const DERIVED = [
  {
    id: "duration_days",
    type: "number",
    label: "Days since onset (visit_date - onset_date)",
    expr: num.daysBetween("onset_date", "visit_date"),
    sources: ["[design]"],
  },
  {
    id: "phase",
    type: "band",
    label: "Phase: acute under 28 days, subacute 28-83, chronic 84 or more",
    var: "duration_days",
    bands: [
      { below: 28, value: "acute" },
      { below: 84, value: "subacute" },
    ],
    otherwise: "chronic",
    sources: ["[ACP-2007]"],
  },
  {
    id: "fever_present",
    type: "boolean",
    label: "Fever reported, temperature 38.0 C or more, or chills or night sweats",
    // 0.4 item 4: chills count as fever [AHCPR-1994].
    when: any(is("fever"), ge("temperature_c", 38.0), is("chills_or_night_sweats")),
    sources: ["[ACP-2007]", "[AHCPR-1994]", "[clinical-knowledge]"],
  },
  {
    id: "radicular",
    type: "boolean",
    label: "Radicular symptoms (pain below the knee or leg numbness/tingling)",
    when: any(
      oneOf("pain_radiation", ["below_knee_one_leg", "below_knee_both_legs"]),
      ne("leg_numbness_tingling", "none"),
    ),
    sources: ["[ACP-2011]", "[seed:004_3b59962cdd60841f.txt]"],
  },
  {
    id: "bilateral_leg_symptoms",
    type: "boolean",
    label: "Symptoms in both legs",
    when: any(eq("pain_radiation", "below_knee_both_legs"), eq("leg_numbness_tingling", "both_legs")),
    sources: ["[BMJBP-CES]"],
  },
  {
    id: "recent_or_worsening",
    type: "boolean",
    label: "Recent (under 14 days, or onset unknown) or worsening neurological symptoms",
    // 0.4 items 3 and 14: strict < 14 days; an unknown duration counts as recent.
    when: any(lt("duration_days", 14), blank("duration_days"), is("neuro_deficit_progressing")),
    sources: ["[BMJBP-CES]", "[clinical-knowledge]"],
  },
  {
    id: "any_neuro_symptom",
    type: "boolean",
    label: "Any neurological symptom",
    when: any(is("radicular"), ne("leg_weakness", "none"), is("gait_disturbance"), is("neuro_deficit_progressing")),
    sources: ["[NICE-NG234]"],
  },
  {
    id: "prolonged_steroids",
    type: "boolean",
    label: "Systemic corticosteroids for 3 months or more",
    when: all(has("medications", "systemic_corticosteroid"), ge("corticosteroid_months", 3)),
    sources: ["[ACP-2007]", "[DOWNIE-2013]", "[clinical-knowledge]"],
  },
  {
    id: "immunosuppressed_any",
    type: "boolean",
    label: "Immunosuppressed (reported or on an immunosuppressant/biologic)",
    when: any(is("immunosuppressed"), has("medications", "immunosuppressant_or_biologic")),
    sources: ["[ACR-V7]"],
  },
  {
    id: "iv_drug_recent",
    type: "boolean",
    label: "Injecting drug use now or within 12 months",
    when: eq("iv_drug_use", "current_or_within_12_months"),
    sources: ["[ACP-2011]"],
  },
  {
    id: "infection_risk",
    type: "boolean",
    label: "Infection risk factor",
    when: any(
      is("iv_drug_recent"),
      is("immunosuppressed_any"),
      is("recent_bacterial_infection"),
      is("recent_spinal_procedure"),
      is("prolonged_steroids"),
      // 0.4 item 4
      has("conditions", "diabetes"),
    ),
    sources: ["[ACP-2011]", "[AHCPR-1994]", "[clinical-knowledge]"],
  },
  {
    id: "fracture_risk",
    type: "boolean",
    label: "Fragility-fracture risk factor",
    when: any(
      has("conditions", "osteoporosis"),
      has("conditions", "prior_vertebral_fracture"),
      is("prolonged_steroids"),
      // 0.4 item 7: the ACP thresholds for men, the lower of the two for everyone else.
      gt("age_years", 70),
      all(eq("sex", "male"), gt("age_years", 65)),
    ),
    sources: ["[ACR-V6]", "[ACP-2007]", "[ACP-2011]", "[DOWNIE-2013]"],
  },
  {
    id: "minor_precipitant",
    type: "boolean",
    label: "Minor precipitating event or sudden onset",
    when: any(
      eq("trauma_energy", "minor"),
      oneOf("mechanism", ["lifting_or_bending", "twisting", "fall", "direct_blow"]),
      eq("onset_type", "sudden"),
    ),
    sources: ["[AHCPR-1994]", "[GLOS-RF]"],
  },
  {
    id: "unrelenting_night_pain",
    type: "boolean",
    label: "Unrelenting night pain at rest",
    when: eq("night_pain", "unrelenting_at_rest"),
    sources: ["[GLOS-RF]", "[AHCPR-1994]"],
  },
  {
    id: "failed_trial",
    type: "boolean",
    label: "No improvement after 4 or more weeks of conservative care",
    when: all(ge("conservative_care_weeks", 4), oneOf("response_to_care", ["no_change", "worsening"])),
    sources: ["[ACP-2007]"],
  },
  {
    id: "n_cancer_weak",
    type: "number",
    label: "Number of weaker cancer risk factors",
    // 0.4 item 8: thoracic pain is a weak cancer factor.
    expr: num.count(
      gt("age_years", 50),
      is("unexplained_weight_loss"),
      is("unrelenting_night_pain"),
      is("failed_trial"),
      has("pain_location", "thoracic"),
    ),
    sources: ["[ACP-2007]", "[ACP-2011]", "[GLOS-RF]"],
  },
  {
    id: "onset_age",
    type: "number",
    label: "Age at onset (age_years - floor(duration_days / 365.25))",
    expr: num.sub(num.v("age_years"), num.floorDiv(num.v("duration_days"), 365.25)),
    sources: ["[NICE-NG65]"],
  },
  {
    id: "nice_spa_count",
    type: "number",
    label: "Number of NICE NG65 spondyloarthritis criteria met",
    expr: num.count(
      lt("onset_age", 35),
      eq("night_pain", "wakes_late_night_eases_on_rising"),
      has("pain_location", "buttock"),
      is("improves_with_exercise"),
      eq("nsaid_response", "good_within_48h"),
      is("family_history_spondyloarthritis"),
      has("conditions", "inflammatory_arthritis"),
      has("conditions", "enthesitis"),
      has("conditions", "psoriasis"),
    ),
    sources: ["[NICE-NG65]"],
  },
  {
    id: "aerobic_equiv",
    type: "number",
    label: "Moderate-equivalent aerobic minutes per week (moderate + 2 x vigorous)",
    expr: num.weightedSum(
      { var: "aerobic_moderate_min_week", times: 1 },
      { var: "aerobic_vigorous_min_week", times: 2 },
    ),
    sources: ["[seed:002_1bf515739626229e.txt]", "[clinical-knowledge]"],
  },
  {
    id: "peg_score",
    type: "number",
    label: "PEG score (mean of the three items; tracking only)",
    expr: num.mean("peg_pain_avg_week", "peg_enjoyment_interference", "peg_activity_interference"),
    sources: ["[PEG]"],
  },
] as const satisfies readonly DerivedDef[];

export type DerivedId = (typeof DERIVED)[number]["id"];
