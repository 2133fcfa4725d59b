// Advice split by audience (advice.ts) and the patient handout (handout.ts), over every worked case and a few
// constructed ones: the patient gets only patient advice, in plain words, and the clinician keeps the rest.
import { describe, expect, it } from "vitest";
import { ADVICE, adviceDef, adviceOf } from "./advice";
import { QUESTION_LIST } from "./catalogue";
import { CONSERVATIVE_CARE } from "./content";
import { evaluate } from "./evaluate";
import { patientHandout } from "./handout";
import { ADVISORY_RULES } from "./rules";
import { validateIntake } from "./schema";
import { run, TODAY } from "./test-support/builders";
import { VIGNETTES } from "./test-support/vignettes";
import type { Evaluation } from "./types";

const CLINICIAN_ONLY = ["ADV-OPIOID", "ADV-NSAID-CAUTION", "ADV-DIURETIC", "ADV-PAIN", "ADV-PSYCHOSOCIAL", "ADV-RENAL", "ADV-STRATIFIED-HIGH", "CC-ACUTE", "CC-CHRONIC", "CC-NICE-DRUGS"];
/** Words of prescribing and clinical review: none may reach the patient's advice (a check of the classification, which is by property). */
const CLINICIAN_WORDS = /NSAID|opioid|tramadol|duloxetine|prescrib|SSRI|analgesia|medication review|urinalysis|risk stratification|electrolytes/i;
const IDS = /\b(RF|PW|ADV|CC|DATA|OUT-OF-SCOPE|SAFETY-NET)-[A-Z0-9-]+|\[[A-Za-z0-9:_.-]+\]|knowledge\.md/;

const evaluations: [string, Evaluation][] = VIGNETTES.flatMap((v) => {
  const r = validateIntake(v.intake, { today: TODAY });
  return r.ok ? [[v.id, evaluate(r.intake)] as [string, Evaluation]] : [];
});

describe("advice audience", () => {
  it("classifies every advisory rule and conservative-care item, each patient item with its own words", () => {
    for (const id of [...ADVISORY_RULES.map((r) => r.id), ...CONSERVATIVE_CARE.map((c) => c.id)]) expect(ADVICE[id], id).toBeDefined();
    for (const id of CLINICIAN_ONLY) expect(ADVICE[id]?.audience, id).toBe("clinician");
    for (const [id, def] of Object.entries(ADVICE)) {
      if (def.audience === "patient") {
        expect(def.patient, id).not.toMatch(CLINICIAN_WORDS);
        expect(def.patient, id).not.toMatch(IDS);
      }
    }
    expect(adviceDef("ADV-FROM-ANOTHER-RULESET").audience).toBe("clinician");
  });

  it("never gives the patient a clinician-only line, over every worked case", () => {
    expect(evaluations.length).toBeGreaterThan(20);
    let clinicianLines = 0;
    for (const [id, e] of evaluations) {
      const a = adviceOf(e);
      for (const line of a.patient) {
        expect(adviceDef(line.id).audience, `${id} ${line.id}`).toBe("patient");
        expect(line.text, `${id} ${line.id}`).not.toMatch(CLINICIAN_WORDS);
      }
      expect(a.patient.length + a.clinician.length).toBe(e.advisories.length + e.conservative_care_content.length);
      clinicianLines += a.clinician.length;
    }
    expect(clinicianLines).toBeGreaterThan(0);
  });

  it("moves the opioid and NSAID cautions and the prescribing content to the clinician", () => {
    const e = run({ medications: ["opioid", "anticoagulant"], sleep_hours: 5 });
    expect(e.advisories).toEqual(expect.arrayContaining(["ADV-OPIOID", "ADV-NSAID-CAUTION", "ADV-SLEEP"]));
    const a = adviceOf(e);
    expect(a.patient.map((l) => l.id)).toContain("ADV-SLEEP");
    expect(a.patient.map((l) => l.id)).not.toEqual(expect.arrayContaining(["ADV-OPIOID"]));
    expect(a.clinician.map((l) => l.id)).toEqual(expect.arrayContaining(["ADV-OPIOID", "ADV-NSAID-CAUTION"]));
    if (e.conservative_care) expect(a.clinician.map((l) => l.id)).toContain("CC-NICE-DRUGS");
  });
});

describe("patient handout", () => {
  it("says what happens next, when to get help and how to look after yourself, in plain words, for every worked case", () => {
    const labels = QUESTION_LIST.map((q) => q.id);
    for (const [id, e] of evaluations) {
      const h = patientHandout({ evaluation: e, decision: null });
      const all = [h.title, h.headline, ...h.nextSteps, ...h.urgentHelp, ...h.selfCare].join("\n");
      expect(h.urgentHelp[0], id).toBe(e.safety_net.text);
      expect(all, id).not.toMatch(IDS);
      expect(all, id).not.toMatch(CLINICIAN_WORDS);
      for (const field of labels) expect(all.includes(field), `${id}: ${field}`).toBe(false);
    }
  });

  it("follows the urgency and the doctor's imaging decision", () => {
    const emergency = evaluations.find(([, e]) => e.urgency === "emergency" && e.imaging.modality !== "none")![1];
    const h = patientHandout({ evaluation: emergency, decision: null });
    expect(h.headline).toBe("Go to the emergency department now.");
    expect(h.nextSteps.join(" ")).toContain("A doctor will decide whether you need a scan");
    expect(h.selfCare).toEqual([]);
    expect(patientHandout({ evaluation: emergency, decision: { action: "override", modality: "ct" } }).nextSteps).toContain(
      "Your doctor has planned a CT scan. The clinic will tell you when and where.",
    );
    expect(patientHandout({ evaluation: emergency, decision: { action: "override", modality: "none" } }).nextSteps).toContain(
      "Your doctor decided that you do not need a scan or an X-ray now.",
    );
    const quiet = run({ sleep_hours: 5 });
    expect(quiet.urgency).toBe("none");
    const q = patientHandout({ evaluation: quiet, decision: { action: "accept", modality: "none" } });
    expect(q.headline).toBe("Your answers showed no warning signs.");
    expect(q.selfCare).toContain(ADVICE["ADV-SLEEP"]!.audience === "patient" ? (ADVICE["ADV-SLEEP"] as { patient: string }).patient : "");
  });
});
