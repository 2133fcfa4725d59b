// The seed documents' tables as restated in knowledge.md (c.5, c.6, d.1-d.6), as typed data the UI can show
// next to a suggestion. Wording is the knowledge base's; source tags are kept per row.

const S0 = "[seed:000_fd293d1e9a32864c.txt]";
const S1 = "[seed:001_c414019c585f5f4f.txt]";
const S2 = "[seed:002_1bf515739626229e.txt]";
const S3 = "[seed:003_14fe80c169d2bdef.txt]";
const S4 = "[seed:004_3b59962cdd60841f.txt]";

// --- d.1 Conditions linked to back spasm ------------------------------------------------------------------

export type ConditionGroup = "musculoskeletal" | "neurological" | "infectious" | "other";

export interface SeedCondition {
  readonly id: string;
  readonly name: string;
  readonly group: ConditionGroup;
  readonly key_symptoms: string;
  /** tests the seed lists (null: not stated) */
  readonly tests: string | null;
  readonly treatments: string | null;
  /** rules this condition maps to for doctor-facing explanations (d.1 rule mapping) */
  readonly rules: readonly string[];
  readonly sources: readonly string[];
}

export const SEED_CONDITIONS: readonly SeedCondition[] = [
  {
    id: "C-STENOSIS",
    name: "Spinal stenosis",
    group: "musculoskeletal",
    key_symptoms:
      "Narrowed (usually lumbar) canal pressing on cord/roots; intermittent pain, numbness, weakness; worse with " +
      "prolonged standing or walking; possible spasms, sciatica, walking difficulty",
    tests: "MRI, X-ray",
    treatments: "Physical therapy, medication, surgery if severe",
    rules: ["PW-STEN-01"],
    sources: [S4],
  },
  {
    id: "C-HNP",
    name: "Herniated (ruptured/bulging) disc",
    group: "musculoskeletal",
    key_symptoms:
      "Disc material bulges or ruptures onto nerves; radiating pain, numbness, muscle weakness; worse with " +
      "movement or certain positions; spasms",
    tests: "MRI, X-ray",
    treatments: "Physical therapy, pain medicine, injections, surgery if severe",
    rules: ["PW-RAD-01", "RF-NEURO-01", "RF-CES-01", "RF-CES-02"],
    sources: [S4, S2, S0],
  },
  {
    id: "C-FACET",
    name: "Facet joint syndrome / facet osteoarthritis",
    group: "musculoskeletal",
    key_symptoms:
      "Localised back pain, worse with specific movements (bending, twisting); cartilage breakdown; bone spurs " +
      "may irritate nerves",
    tests: "X-ray, MRI, CT",
    treatments: "Physical therapy, pain medicine, injections, nerve blocks",
    rules: ["PW-NSLBP-01"],
    sources: [S4, S2],
  },
  {
    id: "C-OA",
    name: "Osteoarthritis of the spine",
    group: "musculoskeletal",
    key_symptoms: "Pain, stiffness and spasms, worse in the morning or after inactivity; tends to worsen over time",
    tests: "X-ray, MRI",
    treatments: "Pain medicine, physical therapy, lifestyle changes",
    rules: ["PW-NSLBP-01"],
    sources: [S4, S2],
  },
  {
    id: "C-DDD",
    name: "Degenerative disc disease",
    group: "musculoskeletal",
    key_symptoms: "Wear of disc/joint cartilage with age; pain can be severe with spasms",
    tests: null,
    treatments: null,
    rules: ["PW-NSLBP-01"],
    sources: [S2],
  },
  {
    id: "C-STRAIN",
    name: "Muscle strain / sprain / overuse",
    group: "musculoskeletal",
    key_symptoms:
      "Sudden pain and spasm after lifting, twisting, pulling, sports, or repeated exertion; lingering soreness; " +
      "more likely with weak back or abdominal muscles and without warm-up",
    tests: "history and examination",
    treatments:
      "Rest then light activity, heat/ice, massage, painkillers, short-course muscle relaxants, physical therapy, " +
      "gradual return to sport",
    rules: ["PW-NSLBP-01"],
    sources: [S0, S1, S2, S3],
  },
  {
    id: "C-RADIC",
    name: "Radiculopathy",
    group: "neurological",
    key_symptoms:
      "Irritated or compressed nerve root (disc, stenosis); back pain and spasm radiating into the limb in the " +
      "root's territory",
    tests: "imaging; MRI for numbness/tingling",
    treatments: "depends on cause",
    rules: ["PW-RAD-01", "RF-NEURO-01", "RF-CES-01", "RF-CES-02"],
    sources: [S4],
  },
  {
    id: "C-MS",
    name: "Multiple sclerosis",
    group: "neurological",
    key_symptoms: "Autoimmune damage to nerve fibres incl. spinal cord; weakness, spasms, pain that can appear as back spasm",
    tests: null,
    treatments: null,
    rules: [],
    sources: [S4],
  },
  {
    id: "C-TUMOUR",
    name: "Spinal tumour",
    group: "neurological",
    key_symptoms: "Pressure on roots/cord; pain, spasm, other neurological symptoms depending on size and site",
    tests: "X-ray, CT, MRI",
    treatments: null,
    rules: ["RF-CA-01", "RF-CA-02", "RF-CA-03", "RF-CA-04"],
    sources: [S4],
  },
  {
    id: "C-NERVE",
    name: "Serious nervous-system disease / nerve damage",
    group: "neurological",
    key_symptoms: "Sharp, very disabling spasms may signal nerve problems; needs prompt diagnosis",
    tests: null,
    treatments: "Depends on cause",
    rules: [],
    sources: [S0, S1],
  },
  {
    id: "C-OSTEOMYEL",
    name: "Vertebral osteomyelitis",
    group: "infectious",
    key_symptoms: "Usually bacterial; severe constant pain that keeps worsening, fever, spasms",
    tests: "blood tests; imaging",
    treatments: null,
    rules: ["RF-INF-01", "RF-INF-02", "RF-INF-03", "RF-INF-04"],
    sources: [S4],
  },
  {
    id: "C-FIBRO",
    name: "Fibromyalgia",
    group: "other",
    key_symptoms: "Widespread musculoskeletal pain, fatigue, tender points; back spasms as part of it",
    tests: null,
    treatments: null,
    rules: ["PW-NSLBP-01"],
    sources: [S4],
  },
  {
    id: "C-TRAUMA",
    name: "Fracture or dislocation",
    group: "other",
    key_symptoms: "Spasm as a protective response after injury; misalignment, marked pain",
    tests: "X-ray; CT",
    treatments: "Immediate medical care; immobilisation, then imaging and a treatment plan",
    rules: ["RF-FX-01", "RF-FX-02", "RF-FX-03"],
    sources: [S4],
  },
  {
    id: "C-NUTR",
    name: "Mineral/vitamin deficiency, dehydration",
    group: "other",
    key_symptoms:
      "Low salts (calcium, potassium), vitamin D or fluids impair muscle contraction/relaxation, so spasms",
    tests: "none named; see the electrolytes panel (c.4)",
    treatments: "Correct diet and fluids",
    rules: ["ADV-HYDRATION", "ADV-NUTRITION", "ADV-DIURETIC"],
    sources: [S0, S1, S4],
  },
];

// --- c.5 Diagnostic tools ---------------------------------------------------------------------------------

export interface DiagnosticTool {
  readonly id: "exam" | "xray" | "ct" | "mri" | "blood";
  readonly tool: string;
  readonly how_it_works: string;
  readonly shows_well: string;
  readonly weak_spots: string;
  readonly cost_and_speed: string;
  readonly radiation: string;
  readonly when_suggested: string;
  readonly sources: readonly string[];
}

export const DIAGNOSTIC_TOOLS: readonly DiagnosticTool[] = [
  {
    id: "exam",
    tool: "Physical examination",
    how_it_works: "Range of motion, muscle strength, neurological function, palpation for tenderness or swelling, posture",
    shows_well: "Likely pain source, nerve compression, underlying conditions",
    weak_spots: "Needs a trained examiner",
    cost_and_speed: "No equipment cost; done at the visit",
    radiation: "none",
    when_suggested: "Always, before any imaging",
    sources: [S4, "[clinical-knowledge]", "[CW-AAPMR]", "[ACP-2007]"],
  },
  {
    id: "xray",
    tool: "X-ray (radiograph)",
    how_it_works: "Plain X-ray picture of bone",
    shows_well: "Fractures, dislocations, some arthritis",
    weak_spots: "Muscles and ligaments poorly seen; misses early metastases and infection",
    cost_and_speed: "Cheapest and quickest",
    radiation: "lumbar series: 3 of 5 relative radiation level",
    when_suggested:
      "Fragility-fracture risk after a minor event (RF-FX-02); weaker cancer risk or fracture risk after a failed " +
      "trial (RF-CA-04, RF-FX-03)",
    sources: [S4, "[clinical-knowledge]", "[ACR-V1]", "[ACR-V6]", "[ACP-2011]"],
  },
  {
    id: "ct",
    tool: "CT",
    how_it_works: "X-rays plus computer processing give cross-sections",
    shows_well: "More bone detail than X-ray; some soft tissue; bone injury or tumours",
    weak_spots: "Soft tissue less clear than MRI",
    cost_and_speed: "Fast and available around the clock in EDs; costs more than X-ray",
    radiation: "lumbar CT without contrast: 3 of 5; with and without contrast: 4 of 5",
    when_suggested:
      "High-energy trauma (RF-FX-01); aneurysm (RF-AAA-01, angiography); alternative when MRI is contraindicated",
    sources: [S4, "[clinical-knowledge]", "[ACR-V1]", "[ACR-TRAUMA]", "[ACR-2016]", "[AAA-REFS]"],
  },
  {
    id: "mri",
    tool: "MRI",
    how_it_works: "Magnetic fields and radio waves",
    shows_well:
      "The most detailed view of muscles, ligaments, tendons and discs; herniated disc, stenosis, soft-tissue " +
      "injury; marrow, infection, tumour, nerve compression",
    weak_spots: "Slowest and most expensive; implant contraindications; often shows incidental findings",
    cost_and_speed: "Highest cost, longest scan",
    radiation: "none",
    when_suggested: "CES, cancer, infection, severe/progressive deficit, post-surgery, pre-procedure planning (see c.3)",
    sources: [S4, "[ACR-V4]", "[ACR-V7]", "[clinical-knowledge]", "[CW-ACA]", "[ACR-V1]"],
  },
  {
    id: "blood",
    tool: "Blood tests",
    how_it_works: "Laboratory tests",
    shows_well: "Infection or systemic disease",
    weak_spots: "Non-specific",
    cost_and_speed: "Cheap, same day",
    radiation: "none",
    when_suggested: "See the blood-test panels (c.4)",
    sources: [S4, "[clinical-knowledge]"],
  },
];

// --- c.6 Conditions to tests ------------------------------------------------------------------------------

export interface ConditionTestRow {
  readonly condition: string;
  readonly seed_tests: string;
  readonly app_suggests: string;
  readonly sources: readonly string[];
}

export const CONDITION_TESTS: readonly ConditionTestRow[] = [
  {
    condition: "Spinal stenosis",
    seed_tests: "MRI, X-ray",
    app_suggests: "MRI only if surgery/intervention candidate after a trial (PW-MRI-01), or sooner with red flags",
    sources: [S4, "[ACP-2011]", "[ACR-V3]"],
  },
  {
    condition: "Herniated disc",
    seed_tests: "MRI, X-ray",
    app_suggests:
      "MRI for CES or severe/progressive deficit (emergency/urgent), or after 6 weeks in a candidate; X-ray adds " +
      "nothing for disc disease",
    sources: [S4, "[ACP-2007]", "[ACR-V1]", "[ACR-V3]", "[clinical-knowledge]"],
  },
  {
    condition: "Facet joint syndrome",
    seed_tests: "X-ray, MRI, CT scan",
    app_suggests: "No imaging for suspected facet pain alone; only as part of PW-MRI-01 planning",
    sources: [S4, "[ACR-V1]", "[ACR-V3]"],
  },
  {
    condition: "Osteoarthritis (spine)",
    seed_tests: "X-ray, MRI",
    app_suggests: "No imaging to confirm degenerative change; X-ray only under fracture/cancer rules",
    sources: [S4, "[ACP-2007]", "[ACP-2011]"],
  },
  {
    condition: "Spinal tumour",
    seed_tests: "X-ray, CT, MRI (imaging visualises tumours)",
    app_suggests: "MRI (RF-CA-01/02/03)",
    sources: [S4, "[ACR-V7]", "[NICE-NG234]"],
  },
  {
    condition: "Vertebral osteomyelitis",
    seed_tests: "blood tests (infection); imaging",
    app_suggests: "MRI with contrast plus the infection panel (RF-INF-01/02/04)",
    sources: [S4, "[ACR-V7]"],
  },
  {
    condition: "Fracture / dislocation (trauma)",
    seed_tests: "X-ray; CT",
    app_suggests: "CT for major trauma; X-ray for fragility risk (RF-FX-01/02/03)",
    sources: [S4, "[ACR-TRAUMA]", "[ACR-V6]"],
  },
  {
    condition: "Radiculopathy",
    seed_tests: "MRI (numbness/tingling)",
    app_suggests: "PW-RAD-01 (none), RF-NEURO-01 (urgent MRI), PW-MRI-01 (elective MRI)",
    sources: [S4, "[ACP-2007]"],
  },
  {
    condition: "Multiple sclerosis",
    seed_tests: "(no test named in seed)",
    app_suggests:
      "New or progressive neurological symptoms go to RF-NEURO-01 and the neurologist; stable MS spasm gets no LBP imaging",
    sources: ["[clinical-knowledge]"],
  },
  {
    condition: "Fibromyalgia",
    seed_tests: "(no test named in seed)",
    app_suggests: "No imaging; PW-NSLBP-01 plus advisories",
    sources: ["[ACP-2007]", "[clinical-knowledge]"],
  },
  {
    condition: "Muscle strain / spasm",
    seed_tests: "history and physical examination",
    app_suggests: "No imaging (PW-NSLBP-01)",
    sources: [S2, "[ACR-V1]"],
  },
];

// --- d.2 Movements ----------------------------------------------------------------------------------------

export interface MovementRow {
  readonly movement: string;
  readonly what_happens: string;
  readonly effect: string;
  readonly intake_fields: string;
  readonly sources: readonly string[];
}

export const MOVEMENTS: readonly MovementRow[] = [
  {
    movement: "Bending",
    what_happens: "Forward bending, especially with poor posture",
    effect: "More load on lower-back muscles and ligaments; spasm risk",
    intake_fields: "aggravating_factors: bending; mechanism: lifting_or_bending",
    sources: [S4],
  },
  {
    movement: "Twisting",
    what_happens: "Rotating the trunk while lifting or carrying",
    effect: "Heavy load on spinal joints and muscles; strain and spasm",
    intake_fields: "mechanism: twisting",
    sources: [S4, S0],
  },
  {
    movement: "Lifting",
    what_happens: "Lifting heavy things badly (bending at the waist instead of squatting, using back not legs)",
    effect: "Excess strain on lower-back muscles and spine",
    intake_fields: "mechanism: lifting_or_bending; recent_activity: heavy_lifting",
    sources: [S4, S0],
  },
  {
    movement: "Sitting",
    what_happens: "Long sitting with poor posture",
    effect: "Spinal load builds up, muscle strain over time",
    intake_fields: "sitting_hours_per_day",
    sources: [S4],
  },
  {
    movement: "Repetitive tasks",
    what_happens: "E.g. a cashier bending repeatedly or a factory worker lifting constantly",
    effect: "Micro-tears and inflammation, leading to spasm",
    intake_fields: "occupation_type, recent_activity",
    sources: [S4],
  },
];

// --- d.3 Trauma types -------------------------------------------------------------------------------------

export interface TraumaType {
  readonly type: string;
  readonly description: string;
  readonly spinal_impact: string;
  /** the `mechanism` option this trauma type is recorded as */
  readonly mechanism: "fall" | "motor_vehicle_collision" | "sports_activity" | "assault_or_violence";
  /** classify `trauma_energy` as major when... */
  readonly major_when: string;
  readonly otherwise: string;
  readonly sources: readonly string[];
}

export const TRAUMA_TYPES: readonly TraumaType[] = [
  {
    type: "Falls",
    description: "Sudden impact, often from a height or on uneven ground",
    spinal_impact: "Muscle strain, ligament sprain, fractures (especially compression fractures), possible cord damage",
    mechanism: "fall",
    major_when:
      "fall from 1 m (about 3 ft) or more, or down 5 or more stairs; landing on the back or buttocks from height",
    otherwise: "minor (standing height or lower)",
    sources: [S4, "[clinical-knowledge]", "[AHCPR-1994]"],
  },
  {
    type: "Car accidents",
    description: "High-impact collisions with forceful twisting or direct impact",
    spinal_impact: "Whiplash, fractures, dislocations, ligament damage, nerve damage or compression",
    mechanism: "motor_vehicle_collision",
    major_when:
      "highway speed, rollover, ejection, death in the same vehicle, badly deformed vehicle, pedestrian or cyclist " +
      "struck, motorcycle crash",
    otherwise: "minor (low-speed bump, car park knock)",
    sources: [S4, "[ACR-TRAUMA]", "[clinical-knowledge]"],
  },
  {
    type: "Sports injuries",
    description: "High-impact sport",
    spinal_impact: "Sprains, strains, fractures, dislocations, disc damage",
    mechanism: "sports_activity",
    major_when: "high-speed fall (skiing, riding, cycling), axial load (diving), heavy tackle with immediate severe pain",
    otherwise: "minor or none (non-contact strain)",
    sources: [S4, S1, "[clinical-knowledge]"],
  },
  {
    type: "Acts of violence",
    description: "Physical assault or other violent event",
    spinal_impact: "Fractures, dislocations, cord injury, soft-tissue damage",
    mechanism: "assault_or_violence",
    major_when: "kicks or stamping to the back, blows with an object, thrown from height, any penetrating wound",
    otherwise: "minor (push or shove without a fall from height)",
    sources: [S4, "[clinical-knowledge]"],
  },
];

/** d.3 tie-breaker, shown with the trauma_energy question. */
export const TRAUMA_TIE_BREAKER =
  "When staff cannot tell minor from major, they record major, and the doctor can downgrade it.";

// --- d.4 Lifestyle factors and d.5 other contributing factors ----------------------------------------------

export interface LifestyleFactor {
  readonly factor: string;
  readonly description: string;
  readonly effect: string;
  readonly intake_fields: readonly string[];
  readonly advisory: string | null;
  readonly sources: readonly string[];
}

export const LIFESTYLE_FACTORS: readonly LifestyleFactor[] = [
  {
    factor: "Stress and anxiety",
    description: "High chronic stress or anxiety",
    effect: "Muscle tension, then spasm; stress hormones add tension",
    intake_fields: ["stress_level"],
    advisory: "ADV-STRESS",
    sources: [S4, S2],
  },
  {
    factor: "Inadequate sleep",
    description: "Under 7-8 h of quality sleep a night",
    effect: "Weaker muscles, disrupted tissue repair, higher spasm risk (worse with existing back problems)",
    intake_fields: ["sleep_hours"],
    advisory: "ADV-SLEEP",
    sources: [S4],
  },
  {
    factor: "Prolonged sitting",
    description: "Long sitting without breaks",
    effect: "Muscle imbalance, spinal compression, weaker core",
    intake_fields: ["sitting_hours_per_day", "hourly_breaks_when_sitting"],
    advisory: "ADV-SITTING",
    sources: [S4, S2],
  },
  {
    factor: "Lack of physical activity",
    description: "Too little exercise and movement",
    effect: "Weaker back muscles, less flexibility, more spasm",
    intake_fields: ["aerobic_moderate_min_week", "aerobic_vigorous_min_week", "strength_days_per_week"],
    advisory: "ADV-ACTIVITY",
    sources: [S4, S3],
  },
  {
    factor: "Poor posture",
    description: "Bad posture sitting, standing or sleeping",
    effect: "More strain on spinal structures",
    intake_fields: ["posture_self_rating"],
    advisory: "ADV-POSTURE",
    sources: [S4, S0],
  },
];

export interface ContributingFactor {
  readonly factor: string;
  readonly statement: string;
  readonly intake_fields: readonly string[];
  readonly advisory: string | null;
  readonly sources: readonly string[];
}

export const OTHER_FACTORS: readonly ContributingFactor[] = [
  {
    factor: "Diet",
    statement:
      "Calcium and vitamin D support bone and muscle. Low intake weakens spinal support. A diet heavy in processed " +
      "food, sugar and unhealthy fat may aggravate problems",
    intake_fields: ["diet_pattern", "calcium_or_vitamin_d_supplement"],
    advisory: "ADV-NUTRITION",
    sources: [S4],
  },
  {
    factor: "Mineral and vitamin deficiency",
    statement: "Low salts (calcium, potassium) or vitamins can cause spasm",
    intake_fields: ["diet_pattern", "spasm_frequency"],
    advisory: "ADV-NUTRITION; electrolytes via ADV-DIURETIC",
    sources: [S0, S1],
  },
  {
    factor: "Dehydration",
    statement:
      "Muscles need fluid to contract and relax; dehydrated muscles stiffen and spasm, especially in hard exercise",
    intake_fields: ["daily_fluid_litres", "dehydration_signs", "heavy_sweating_or_heat"],
    advisory: "ADV-HYDRATION",
    sources: [S4],
  },
  {
    factor: "Diuretics",
    statement: "Can cause dehydration that affects muscle function",
    intake_fields: ["medications"],
    advisory: "ADV-DIURETIC",
    sources: [S4],
  },
  {
    factor: "Long-term pain relievers",
    statement: "Some may cause muscle tension or weakness with prolonged use (the seed gives no evidence)",
    intake_fields: ["medications"],
    advisory: "ADV-OPIOID",
    sources: [S4, "[ACP-2017]"],
  },
  {
    factor: "Sleep position",
    statement: "Awkward position or unsupportive mattress/pillow strains the back",
    intake_fields: ["posture_self_rating"],
    advisory: "ADV-POSTURE",
    sources: [S4],
  },
  {
    factor: "Overexertion",
    statement: "Hard activity without preparation; fix by gradual build-up, warm-up and cool-down",
    intake_fields: ["recent_activity", "mechanism"],
    advisory: "ADV-STRAIN",
    sources: [S4, S1],
  },
  {
    factor: "Weak core/abdominal muscles",
    statement: "Less spinal support, back more vulnerable",
    intake_fields: ["strength_days_per_week"],
    advisory: "ADV-ACTIVITY",
    sources: [S2, S4],
  },
  {
    factor: "Muscle imbalance",
    statement: "E.g. tight hip flexors pull on the lower back",
    intake_fields: [],
    advisory: "ADV-ACTIVITY",
    sources: [S4],
  },
];

// --- d.6 Self-care measures ---------------------------------------------------------------------------------

export interface SelfCareMeasure {
  readonly measure: string;
  readonly seed_sources: readonly string[];
  readonly guideline_status: string;
  readonly guideline_sources: readonly string[];
}

export const SELF_CARE_MEASURES: readonly SelfCareMeasure[] = [
  {
    measure: "Heat or ice; commercial heat pad used as directed",
    seed_sources: [S3, S2],
    guideline_status: "Superficial heat supported (moderate quality)",
    guideline_sources: ["[ACP-2017]"],
  },
  {
    measure: "Brief self-massage, foam roller",
    seed_sources: [S3],
    guideline_status: "Massage: low-quality support; NICE only alongside exercise",
    guideline_sources: ["[ACP-2017]", "[NICE-NG59]"],
  },
  {
    measure:
      "Over-the-counter medicines; prescribed muscle relaxants short term (dizziness, sleepiness, slower reactions; no driving)",
    seed_sources: [S3, S2],
    guideline_status: "NSAIDs or skeletal muscle relaxants for acute LBP; NSAIDs lowest dose, shortest time",
    guideline_sources: ["[ACP-2017]", "[NICE-NG59]"],
  },
  {
    measure: "Acetaminophen",
    seed_sources: [S2],
    guideline_status: "Not alone",
    guideline_sources: ["[NICE-NG59]"],
  },
  {
    measure: "Rest supine with knees supported / recliner",
    seed_sources: [S2],
    guideline_status: "Comfort only; stay active",
    guideline_sources: ["[ACP-2007]"],
  },
  {
    measure: "Light activity once pain is controlled, physical therapy, gradual return to sport",
    seed_sources: [S1, S2],
    guideline_status: "Supported; exercise is core for chronic LBP",
    guideline_sources: ["[ACP-2017]", "[NICE-NG59]"],
  },
  {
    measure: "Back brace for heavy work",
    seed_sources: [S1],
    guideline_status: "Not recommended",
    guideline_sources: ["[NICE-NG59]"],
  },
  {
    measure: "Posture work, core strengthening (planks, bridges, back extensions, rows), regular activity",
    seed_sources: [S3, S4],
    guideline_status: "Exercise supported",
    guideline_sources: ["[ACP-2017]", "[NICE-NG59]"],
  },
  {
    measure: "Ergonomics: lumbar-support chair, footrest, monitor at eye level, standing desk, supportive pillow",
    seed_sources: [S4],
    guideline_status: "Reasonable advice; no specific guideline rating found",
    guideline_sources: ["[clinical-knowledge]"],
  },
  {
    measure: "See a doctor if pain is intense, not improving with home care, or recurring",
    seed_sources: [S2],
    guideline_status: "Matches the 4-6-week review and red-flag screen",
    guideline_sources: ["[CW-AAFP]", "[ACR-V1]"],
  },
];

/** Seed conditions linked to a rule (d.1 rule mapping), for showing next to a fired rule. */
export function conditionsForRule(ruleId: string): SeedCondition[] {
  return SEED_CONDITIONS.filter((c) => c.rules.includes(ruleId));
}
