// Red-flag rules, knowledge.md b.2, transcribed one to one. A rule that says `NOT RF-...` must come after the
// rule it names (the compiler checks this), so the list is in evaluation order.
import { all, any, blank, eq, fired, ge, gt, has, is, lt, ne, not, oneOf } from "../conditions";
import type { RuleDef } from "../types";

const SEED4 = "[seed:004_3b59962cdd60841f.txt]";

const cesRules: RuleDef[] = [
  {
    id: "RF-CES-01",
    kind: "red_flag",
    title: "Possible cauda equina syndrome",
    concern: "cauda equina syndrome",
    tier: "emergency",
    // 0.4 item 3: sexual dysfunction on its own, and recent or worsening symptoms in both legs.
    when: any(
      is("saddle_anesthesia"),
      is("new_urinary_retention"),
      is("new_urinary_incontinence"),
      is("new_bowel_incontinence"),
      eq("leg_weakness", "both_legs"),
      is("new_sexual_dysfunction"),
      all(is("bilateral_leg_symptoms"), is("recent_or_worsening")),
    ),
    suspected_condition: "Compression of the cauda equina (large central disc, tumour, abscess, haematoma).",
    action:
      "Emergency department now. Emergency lumbosacral MRI, done as soon as possible and within about 4 h of the " +
      "request, then same-day spinal surgical referral. A rectal examination is not needed to justify the scan. " +
      "If a bladder scan is available, a post-void residual of 200 mL or more makes CES more likely (a lower " +
      "volume does not exclude it). The app itself suggests no blood tests; the ED follows its own protocol.",
    imaging: { modality: "mri", detail: "lumbosacral MRI, emergency (hours)" },
    sources: ["[ACR-V4]", "[ACP-2007]", "[ACP-2011]", "[AHCPR-1994]", "[BMJBP-CES]", "[LSC-CES-MRI]", "[GLOS-RF]"],
  },
  {
    id: "RF-BLEED-01",
    kind: "red_flag",
    title: "Anticoagulated with a new neurological deficit (possible spinal epidural haematoma)",
    concern: "spinal epidural haematoma",
    tier: "emergency",
    // 0.4 item 5. Stable mild weakness of gradual onset on an anticoagulant is not this rule.
    when: all(
      has("medications", "anticoagulant"),
      any(
        is("neuro_deficit_progressing"),
        oneOf("leg_weakness", ["one_leg_marked", "both_legs"]),
        is("gait_disturbance"),
        all(eq("onset_type", "sudden"), ne("leg_weakness", "none")),
        all(is("recent_spinal_procedure"), is("any_neuro_symptom")),
      ),
    ),
    suspected_condition: "Spinal epidural haematoma (on anticoagulation, or after a neuraxial procedure).",
    action: "Emergency department now; emergency MRI; the emergency department reviews the anticoagulation.",
    imaging: { modality: "mri", detail: "emergency MRI (possible spinal epidural haematoma); ED reviews anticoagulation" },
    panels: [{ panel: "coagulation" }],
    sources: ["[clinical-knowledge]"],
  },
  {
    id: "RF-CES-02",
    kind: "red_flag",
    title: "Bilateral leg symptoms (cauda equina warning)",
    concern: "a cauda equina warning (symptoms in both legs)",
    tier: "urgent",
    // 0.4 item 3: what is left for it is long-standing (14 days or more), stable bilateral symptoms.
    when: all(is("bilateral_leg_symptoms"), not(fired("RF-CES-01"))),
    suspected_condition: "Central disc herniation or early (incomplete) CES, or stenosis.",
    action:
      "Doctor examines the patient the same day (saddle sensation, power, reflexes), repeats the safety-net " +
      "advice, and arranges urgent MRI. Escalate to RF-CES-01 handling if any deficit or sphincter change is found.",
    imaging: { modality: "mri", detail: "lumbar MRI, urgent (escalate if deficit)" },
    sources: ["[BMJBP-CES]", "[GLOS-RF]", "[ACR-V4]"],
  },
  {
    id: "RF-NEURO-01",
    kind: "red_flag",
    title: "Severe or progressive neurological deficit",
    concern: "a severe or progressive neurological deficit",
    tier: "urgent",
    when: all(
      any(is("neuro_deficit_progressing"), eq("leg_weakness", "one_leg_marked"), is("gait_disturbance")),
      not(fired("RF-CES-01")),
    ),
    suspected_condition: "Severe nerve-root compression (disc, stenosis) or cord/conus lesion.",
    action:
      "Same-day examination, expedited lumbar MRI without contrast, and surgical opinion if the deficit is confirmed.",
    imaging: { modality: "mri", detail: "lumbar MRI without contrast, urgent" },
    sources: ["[ACP-2007]", "[ACP-2011]", "[ACR-2016]", "[AHCPR-1994]", "[GLOS-RF]"],
  },
];

const cancerRules: RuleDef[] = [
  {
    id: "RF-CA-02",
    kind: "red_flag",
    title: "Cancer history with neurological symptoms (possible metastatic cord/cauda compression)",
    concern: "metastatic spinal cord compression",
    tier: "emergency",
    when: all(is("history_of_cancer"), is("any_neuro_symptom")),
    suspected_condition: "Metastatic spinal cord or cauda equina compression.",
    action:
      "Same-day emergency pathway. Whole-spine MRI within 24 h, contact with the acute-oncology/MSCC team, " +
      "bloods per the cancer panel.",
    imaging: { modality: "mri", detail: "whole-spine MRI within 24 h" },
    panels: [{ panel: "cancer" }],
    sources: ["[NICE-NG234]", "[NICE-QS56]", "[ACR-V7]"],
  },
  {
    id: "RF-CA-01",
    kind: "red_flag",
    title: "New back pain with a history of cancer",
    concern: "spinal metastasis",
    tier: "urgent",
    when: all(is("history_of_cancer"), not(fired("RF-CA-02"))),
    suspected_condition: "Spinal metastasis.",
    action:
      "Doctor within 24 h. MRI with and without IV contrast (lumbar, or whole spine at the doctor's choice) " +
      "within 1 week. Bloods: CBC, ESR, CRP (calcium and alkaline phosphatase at the doctor's choice).",
    imaging: { modality: "mri", detail: "MRI with and without IV contrast within 1 week" },
    panels: [{ panel: "cancer" }],
    sources: ["[ACP-2007]", "[ACP-2011]", "[ACR-V7]", "[DOWNIE-2013]", "[NICE-NG234]", SEED4],
  },
  {
    id: "RF-CA-03",
    kind: "red_flag",
    title: "Multiple cancer risk factors (strong suspicion, no known cancer)",
    concern: "cancer (several risk factors)",
    tier: "urgent",
    when: all(
      not(is("history_of_cancer")),
      any(is("unexplained_weight_loss"), is("unrelenting_night_pain")),
      ge("n_cancer_weak", 2),
    ),
    suspected_condition: "Occult malignancy (spinal metastasis or primary tumour).",
    action: "Doctor within 24 h. MRI with and without contrast, plus CBC, ESR and CRP.",
    imaging: { modality: "mri", detail: "MRI with and without IV contrast" },
    panels: [{ panel: "cancer" }],
    sources: ["[ACP-2011]", "[ACP-2007]", "[ACR-V7]", "[GLOS-RF]"],
  },
  {
    id: "RF-CA-04",
    kind: "red_flag",
    title: "Single or weaker cancer risk factor",
    concern: "cancer (a weaker risk factor)",
    tier: "routine_soon",
    when: all(
      not(is("history_of_cancer")),
      not(fired("RF-CA-03")),
      // 0.4 item 8: thoracic pain is a weak cancer factor.
      any(gt("age_years", 50), is("unexplained_weight_loss"), is("unrelenting_night_pain"), has("pain_location", "thoracic")),
    ),
    suspected_condition: "Low-probability malignancy; most likely non-specific back pain.",
    action:
      "Routine doctor review. If the conservative trial has failed: lumbar radiograph plus ESR/CRP (routine), " +
      "and MRI only if abnormal or suspicion remains. Otherwise no imaging now; reassess at 4-6 weeks and " +
      "apply the first branch if not improving.",
    imaging: {
      modality: "xray",
      detail: "lumbar radiographs (with ESR/CRP)",
      when: is("failed_trial"),
      otherwise: "no imaging now; reassess at 4-6 weeks, radiographs with ESR/CRP if not improving",
    },
    panels: [{ panel: "cancer_weak", when: is("failed_trial") }],
    sources: ["[ACP-2011]", "[ACP-2007]", "[CW-NASS]", "[GLOS-RF]", "[DOWNIE-2013]"],
  },
];

const infectionRules: RuleDef[] = [
  {
    id: "RF-INF-02",
    kind: "red_flag",
    title: "Fever or infection risk with motor or gait deficit (possible spinal epidural abscess)",
    concern: "spinal epidural abscess",
    tier: "emergency",
    // 0.4 item 4: an epidural abscess is often afebrile, so the high-risk groups with a motor or gait deficit
    // are an emergency without fever too.
    when: all(
      any(is("fever_present"), is("iv_drug_recent"), is("immunosuppressed_any"), is("recent_spinal_procedure")),
      any(ne("leg_weakness", "none"), is("neuro_deficit_progressing"), is("gait_disturbance")),
    ),
    suspected_condition: "Spinal epidural abscess.",
    action:
      "Emergency department. MRI with and without contrast, done emergently. Bloods: CBC, ESR, CRP, blood cultures.",
    imaging: { modality: "mri", detail: "MRI with and without IV contrast, emergency" },
    panels: [{ panel: "infection" }],
    sources: ["[ACR-V7]", "[ACP-2011]", "[AHCPR-1994]", "[clinical-knowledge]"],
  },
  {
    id: "RF-INF-01",
    kind: "red_flag",
    title: "Fever with an infection risk factor",
    concern: "a spinal infection (fever with a risk factor)",
    tier: "urgent",
    when: all(is("fever_present"), is("infection_risk"), not(fired("RF-INF-02"))),
    suspected_condition: "Vertebral osteomyelitis, discitis or epidural abscess.",
    action:
      "Same-day doctor review. MRI with and without contrast within 24-48 h. Bloods: CBC, ESR, CRP, blood cultures.",
    imaging: { modality: "mri", detail: "MRI with and without IV contrast, urgent" },
    panels: [{ panel: "infection" }],
    sources: ["[ACP-2011]", "[ACP-2007]", "[ACR-V7]", "[AHCPR-1994]", SEED4],
  },
  {
    id: "RF-INF-03",
    kind: "red_flag",
    title: "Fever without an infection risk factor",
    concern: "a spinal infection (fever)",
    tier: "urgent",
    when: all(is("fever_present"), not(is("infection_risk")), not(fired("RF-INF-02"))),
    suspected_condition: "Spinal infection, or a non-spinal mimic such as pyelonephritis or a viral illness.",
    action:
      "Same-day review, whatever the pain score. Bloods: CBC, ESR, CRP, plus urinalysis (pyelonephritis and " +
      "viral illness are common mimics). No imaging at intake; MRI if inflammatory markers are raised or the " +
      "examination is concerning.",
    no_imaging_detail: "no imaging at intake; MRI only if markers raised or examination concerning",
    panels: [{ panel: "fever_screen" }],
    sources: ["[AHCPR-1994]", "[GLOS-RF]", "[ACP-2011]", "[CW-AAFP]", "[clinical-knowledge]"],
  },
  {
    id: "RF-INF-04",
    kind: "red_flag",
    title: "Infection risk factor without fever",
    concern: "an afebrile spinal infection",
    tier: "urgent",
    // Deliberately narrower than infection_risk (b.2): prolonged steroids, diabetes and a recent infection
    // elsewhere only count once fever is present (then RF-INF-01). 0.4 item 4 adds NOT RF-INF-02.
    when: all(
      not(is("fever_present")),
      any(is("iv_drug_recent"), is("immunosuppressed_any"), is("recent_spinal_procedure")),
      not(fired("RF-INF-02")),
    ),
    suspected_condition: "Early or afebrile spinal infection.",
    action:
      "Doctor within 24 h. Bloods: CBC, ESR, CRP. MRI with and without contrast, which the doctor may sequence " +
      "after the blood results.",
    imaging: { modality: "mri", detail: "MRI with and without IV contrast" },
    panels: [{ panel: "infection_afebrile" }],
    sources: ["[ACR-V7]", "[CW-NASS]", "[GLOS-RF]"],
  },
];

const fractureRules: RuleDef[] = [
  {
    id: "RF-FX-01",
    kind: "red_flag",
    title: "Major (high-energy) trauma",
    concern: "a fracture after major trauma",
    tier: "emergency",
    when: eq("trauma_energy", "major"),
    suspected_condition: "Vertebral fracture or dislocation, ligament or cord injury.",
    action:
      "Emergency department; spinal precautions as the ED decides. CT of the thoracolumbar spine without " +
      "contrast, then MRI if there are neurological signs or ligament injury is suspected.",
    imaging: { modality: "ct", detail: "CT thoracolumbar without contrast (ED)" },
    sources: ["[ACR-TRAUMA]", "[ACR-2016]", "[AHCPR-1994]", SEED4],
  },
  {
    id: "RF-FX-02",
    kind: "red_flag",
    title: "Possible fragility (compression) fracture after a minor event",
    concern: "a fragility fracture",
    tier: "urgent",
    when: all(not(fired("RF-FX-01")), is("fracture_risk"), is("minor_precipitant")),
    suspected_condition: "Osteoporotic (compression) vertebral fracture.",
    action:
      "Doctor within 24 h. Lumbar (and thoracic if tender) radiographs within days. MRI (or CT if MRI is not " +
      "possible) if the radiograph is negative but suspicion is high, or if neurological signs appear.",
    imaging: {
      modality: "xray",
      detail: "lumbar (+/- thoracic) radiographs within days",
    },
    sources: ["[ACR-V6]", "[AHCPR-1994]", "[DOWNIE-2013]", "[GLOS-RF]", SEED4],
  },
  {
    id: "RF-FX-03",
    kind: "red_flag",
    title: "Fracture risk factor without a precipitating event",
    concern: "a fragility fracture (risk factor only)",
    tier: "routine_soon",
    when: all(not(fired("RF-FX-01")), not(fired("RF-FX-02")), is("fracture_risk")),
    suspected_condition: "Possible osteoporotic vertebral fracture.",
    action: "Routine doctor review. X-ray if the conservative trial has failed, otherwise none now.",
    imaging: {
      modality: "xray",
      detail: "lumbar radiographs",
      when: is("failed_trial"),
      otherwise: "no imaging now; radiographs if not improving after a conservative trial",
    },
    sources: ["[ACP-2011]", "[ACR-V6]"],
  },
];

const ABDOMINAL_OR_FLANK = has("pain_location", "abdomen_or_flank");
const SUDDEN = eq("onset_type", "sudden");

const vascularRules: RuleDef[] = [
  {
    id: "RF-AAA-01",
    kind: "red_flag",
    title: "Possible symptomatic abdominal aortic aneurysm",
    concern: "a symptomatic aortic aneurysm",
    tier: "emergency",
    // 0.4 item 6: major trauma no longer hides a collapse (the collapse may have caused the crash), and a known
    // aneurysm with a new (under 4 weeks, or of unknown duration) episode of back pain counts as symptomatic.
    when: any(
      all(
        ge("age_years", 50),
        any(is("faint_or_collapse"), all(ne("trauma_energy", "major"), SUDDEN, ABDOMINAL_OR_FLANK)),
      ),
      all(
        is("known_aaa"),
        any(SUDDEN, ABDOMINAL_OR_FLANK, is("faint_or_collapse"), lt("duration_days", 28), blank("duration_days")),
      ),
    ),
    suspected_condition: "Symptomatic or ruptured abdominal aortic aneurysm.",
    action:
      "Emergency department now. Check pulse and blood pressure at triage. CT angiography of the aorta if " +
      "stable, bedside ultrasound if unstable. Lumbar imaging is not the test.",
    imaging: {
      modality: "ct",
      detail: "CT angiography of aorta in ED (bedside US if unstable)",
    },
    sources: ["[AAA-REFS]", "[clinical-knowledge]"],
  },
  {
    id: "RF-AAA-02",
    kind: "red_flag",
    title: "Known aneurysm with back pain, no acute features",
    concern: "an enlarging aortic aneurysm",
    tier: "urgent",
    // 0.4 item 6: what is left for it is a long-standing (4 weeks or more), gradual episode.
    when: all(is("known_aaa"), not(fired("RF-AAA-01"))),
    suspected_condition: "Enlarging or symptomatic abdominal aortic aneurysm.",
    action:
      "Doctor within 24 h: abdominal examination and aneurysm surveillance status. Aortic ultrasound at the " +
      "doctor's discretion. No lumbar imaging from this rule.",
    no_imaging_detail: "no lumbar imaging; aortic ultrasound at the doctor's discretion",
    sources: ["[AAA-REFS]", "[clinical-knowledge]"],
  },
  {
    id: "RF-VASC-02",
    kind: "red_flag",
    title: "Collapse, or sudden flank pain on an anticoagulant (non-spinal emergency)",
    concern: "a non-spinal emergency (collapse or bleeding)",
    tier: "emergency",
    // 0.4 item 6: collapse with back pain at any age; sudden flank or abdominal pain on an anticoagulant.
    when: all(
      not(fired("RF-AAA-01")),
      any(is("faint_or_collapse"), all(has("medications", "anticoagulant"), SUDDEN, ABDOMINAL_OR_FLANK)),
    ),
    suspected_condition: "Dissection, bleeding, ectopic pregnancy or sepsis.",
    action:
      "Emergency department now (dissection, bleeding, ectopic pregnancy and sepsis are the concerns). The " +
      "emergency department chooses the tests, including a pregnancy test where relevant.",
    no_imaging_detail: "no imaging from the app; the emergency department chooses the tests",
    sources: ["[NICE-NG156]", "[clinical-knowledge]"],
  },
];

const INFLAMMATORY_PAIN = [gt("duration_days", 91), lt("onset_age", 45)];

const specialistRules: RuleDef[] = [
  {
    id: "RF-IBP-01",
    kind: "red_flag",
    title: "Inflammatory back pain, refer (axial spondyloarthritis)",
    concern: "axial spondyloarthritis",
    tier: "routine_soon",
    when: all(...INFLAMMATORY_PAIN, ge("nice_spa_count", 4)),
    suspected_condition: "Axial spondyloarthritis.",
    action:
      "Routine rheumatology referral. CRP and ESR may be drawn, but normal results must not stop the referral. " +
      "No lumbar imaging from the app; the rheumatologist chooses sacroiliac-joint imaging.",
    no_imaging_detail: "no lumbar imaging from the app; rheumatology chooses sacroiliac-joint imaging",
    panels: [{ panel: "ibp" }],
    sources: ["[NICE-NG65]", "[ASAS-IBP]", "[ACP-2011]"],
  },
  {
    id: "RF-IBP-02",
    kind: "red_flag",
    title: "Inflammatory back pain, borderline",
    concern: "axial spondyloarthritis (borderline)",
    tier: "routine_soon",
    when: all(...INFLAMMATORY_PAIN, eq("nice_spa_count", 3)),
    suspected_condition: "Possible axial spondyloarthritis.",
    action:
      "HLA-B27 test, and refer to rheumatology if it is positive. If it is negative but suspicion remains, " +
      "re-assess when new features appear (psoriasis, IBD, uveitis).",
    no_imaging_detail: "no lumbar imaging from the app; HLA-B27 first, rheumatology if positive",
    panels: [{ panel: "ibp_b27" }],
    sources: ["[NICE-NG65]"],
  },
  {
    id: "RF-POSTOP-01",
    kind: "red_flag",
    title: "New or progressing symptoms after lumbar surgery",
    concern: "a recurrent problem after back surgery",
    tier: "routine_soon",
    when: all(
      is("prior_lumbar_surgery"),
      any(is("radicular"), ne("leg_weakness", "none"), eq("response_to_care", "worsening")),
    ),
    suspected_condition: "Recurrent disc herniation or post-operative scar (epidural fibrosis).",
    action:
      "Routine doctor review. MRI with and without contrast (to separate scar from recurrent disc). Urgency is " +
      "raised automatically if RF-NEURO-01 or a CES rule also fires.",
    imaging: { modality: "mri", detail: "MRI with and without contrast" },
    sources: ["[ACR-V5]"],
  },
];

/** All RF rules in evaluation order (dependencies first). */
export const RED_FLAG_RULES: readonly RuleDef[] = [
  ...cesRules,
  ...cancerRules,
  ...infectionRules,
  ...fractureRules,
  ...vascularRules,
  ...specialistRules,
];
