// Blood-test panels, knowledge.md c.4 (and 0.4 items 5 and 8: coagulation, renal). A fired rule or advisory names panels (rules/*.ts); the evaluation
// merges their tests without duplicates (0.3 item 5). Tests "at the doctor's choice" are kept apart and never
// enter the merged list. Urinalysis is listed: the panel is "tests", not only blood.

export interface BloodPanel {
  readonly key: string;
  readonly label: string;
  readonly tests: readonly string[];
  readonly at_doctors_choice: readonly string[];
  readonly used_by: string;
  readonly sources: readonly string[];
}

function panel(p: BloodPanel): BloodPanel {
  return p;
}

export const BLOOD_PANELS: Readonly<Record<string, BloodPanel>> = {
  infection: panel({
    key: "infection",
    label: "Infection",
    tests: ["CBC", "ESR", "CRP", "blood cultures"],
    at_doctors_choice: [],
    used_by: "RF-INF-01, RF-INF-02",
    sources: ["[seed:004_3b59962cdd60841f.txt]", "[ACP-2011]", "[clinical-knowledge]"],
  }),
  infection_afebrile: panel({
    key: "infection_afebrile",
    label: "Infection (afebrile)",
    tests: ["CBC", "ESR", "CRP"],
    at_doctors_choice: [],
    used_by: "RF-INF-04",
    sources: ["[ACR-V7]", "[clinical-knowledge]"],
  }),
  fever_screen: panel({
    key: "fever_screen",
    label: "Fever screen",
    tests: ["CBC", "ESR", "CRP", "urinalysis"],
    at_doctors_choice: [],
    used_by: "RF-INF-03",
    sources: ["[CW-AAFP]", "[clinical-knowledge]"],
  }),
  cancer: panel({
    key: "cancer",
    label: "Cancer",
    tests: ["CBC", "ESR", "CRP"],
    at_doctors_choice: ["calcium", "ALP"],
    used_by: "RF-CA-01, RF-CA-02, RF-CA-03",
    sources: ["[ACP-2011]", "[clinical-knowledge]"],
  }),
  cancer_weak: panel({
    key: "cancer_weak",
    label: "Cancer (weaker risk, after a failed trial)",
    tests: ["ESR", "CRP"],
    at_doctors_choice: [],
    used_by: "RF-CA-04 when failed_trial",
    sources: ["[ACP-2011]"],
  }),
  ibp: panel({
    key: "ibp",
    label: "Inflammatory back pain",
    tests: ["CRP", "ESR"],
    at_doctors_choice: [],
    used_by: "RF-IBP-01",
    sources: ["[NICE-NG65]", "[ACP-2011]"],
  }),
  ibp_b27: panel({
    key: "ibp_b27",
    label: "Inflammatory back pain with HLA-B27",
    tests: ["CRP", "ESR", "HLA-B27"],
    at_doctors_choice: [],
    used_by: "RF-IBP-02",
    sources: ["[NICE-NG65]"],
  }),
  coagulation: panel({
    key: "coagulation",
    label: "Full blood count and clotting",
    tests: ["CBC", "PT/INR", "APTT"],
    at_doctors_choice: [],
    used_by: "RF-BLEED-01",
    sources: ["[clinical-knowledge]"],
  }),
  renal: panel({
    key: "renal",
    label: "Renal colic",
    tests: ["urinalysis"],
    at_doctors_choice: [],
    used_by: "ADV-RENAL",
    sources: ["[clinical-knowledge]"],
  }),
  electrolytes: panel({
    key: "electrolytes",
    label: "Electrolytes",
    tests: ["Na", "K", "Mg", "Ca", "renal function"],
    at_doctors_choice: [],
    used_by: "ADV-DIURETIC when spasm_frequency in {daily, several_times_daily, constant}",
    sources: [
      "[seed:004_3b59962cdd60841f.txt]",
      "[seed:000_fd293d1e9a32864c.txt]",
      "[seed:001_c414019c585f5f4f.txt]",
      "[clinical-knowledge]",
    ],
  }),
};

/** Merge panels in the order given: each test once; doctor's-choice tests only if not already listed. */
export function mergePanels(keys: readonly string[]): { panel: string[]; at_doctors_choice: string[] } {
  const tests: string[] = [];
  const choice: string[] = [];
  for (const key of keys) {
    const p = BLOOD_PANELS[key];
    if (!p) continue;
    for (const t of p.tests) if (!tests.includes(t)) tests.push(t);
    for (const t of p.at_doctors_choice) if (!choice.includes(t)) choice.push(t);
  }
  return { panel: tests, at_doctors_choice: choice.filter((t) => !tests.includes(t)) };
}
