// Pure tests of the FHIR export: every worked case and a few hundred generated intakes (with blanks, so
// provisional results too) produce bundles that validate against FHIR R4 (official JSON Schema + spec rules).
import type { Bundle, Encounter, Questionnaire, QuestionnaireResponse, ServiceRequest } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { compactAnswers, QUESTION_LIST, validateIntake } from "@/lib/clinical";
import { CLINIC_MIX, generateIntakes, STRESS_MIX } from "@/lib/db/seed/generate";
import { VIGNETTES } from "@/lib/clinical/test-support/vignettes";
import { bundleErrors, schemaErrors } from "../test-support/fhir-validate";
import { signedSummary, summaryOf, TODAY, vignetteIntake } from "../test-support/summaries";
import { intakeQuestionnaire, QUESTIONNAIRE_CANONICAL } from "./questionnaire";
import { visitBundle } from "./visit-bundle";

const opts = { generatedAt: "2025-03-12T10:00:00.000Z" };
const of = (b: Bundle, type: string) => (b.entry ?? []).map((e) => e.resource!).filter((r) => r.resourceType === type);

describe("intake Questionnaire", () => {
  it("is generated from the catalogue: one item per question, linkId = field id, types, options and units", () => {
    const q = intakeQuestionnaire();
    expect(schemaErrors(q)).toEqual([]);
    const items = (q.item ?? []).flatMap((g) => g.item ?? []);
    expect(items.map((i) => i.linkId)).toEqual(QUESTION_LIST.map((x) => x.id));
    for (const def of QUESTION_LIST) {
      const item = items.find((i) => i.linkId === def.id)!;
      const type = { boolean: "boolean", enum: "choice", "multi-enum": "choice", integer: "integer", number: "decimal", date: "date", text: "text" }[def.type];
      expect(item.type, def.id).toBe(type);
      expect(item.text).toBe(def.label);
      expect(item.required ?? false).toBe(def.required);
      if ("options" in def) expect(item.answerOption?.map((o) => o.valueCoding?.code)).toEqual(def.options.map((o) => o.value));
      if (def.type === "multi-enum") expect(item.repeats).toBe(true);
      if ("unit" in def) expect(item.extension?.[0]).toEqual({ url: "http://hl7.org/fhir/StructureDefinition/questionnaire-unit", valueCoding: { display: def.unit } });
    }
    expect(QUESTIONNAIRE_CANONICAL).toBe(`${q.url}|${q.version}`);
  });
});

describe("visit Bundle", () => {
  it.each(VIGNETTES.map((v) => [v.id, v.expected.urgency] as const))("%s (%s) validates, unsigned and signed", (id) => {
    for (const summary of [summaryOf(vignetteIntake(id)), signedSummary(vignetteIntake(id))]) {
      const bundle = visitBundle(summary, opts);
      expect(bundleErrors(bundle)).toEqual([]);
      expect(of(bundle, "Flag")).toHaveLength(summary.evaluation.red_flags.length);
    }
  });

  it("validates for generated intakes, provisional ones included", () => {
    const intakes = [...generateIntakes(60, 7, CLINIC_MIX), ...generateIntakes(60, 8, { ...STRESS_MIX, blankRate: 0.15 })];
    let provisional = 0;
    let checked = 0;
    for (const raw of intakes) {
      const result = validateIntake(raw, { today: TODAY });
      if (!result.ok) continue;
      checked += 1;
      const summary = summaryOf(compactAnswers(result.intake));
      if (summary.evaluation.status === "provisional") provisional += 1;
      const bundle = visitBundle(summary, opts);
      expect(bundleErrors(bundle)).toEqual([]);
      const qr = of(bundle, "QuestionnaireResponse")[0] as QuestionnaireResponse;
      expect(qr.status).toBe(summary.evaluation.status === "final" ? "completed" : "in-progress");
    }
    expect(checked).toBeGreaterThan(100);
    expect(provisional).toBeGreaterThan(5);
  });

  it("links everything by urn:uuid references and keeps ids stable between exports", () => {
    const s = summaryOf(vignetteIntake("LBP-V17"));
    const a = visitBundle(s, opts);
    const b = visitBundle(s, { generatedAt: "2025-03-13T10:00:00.000Z" });
    expect(a.entry!.map((e) => e.fullUrl)).toEqual(b.entry!.map((e) => e.fullUrl));
    expect(a.entry!.every((e) => e.fullUrl === `urn:uuid:${e.resource!.id}`)).toBe(true);
    expect(a.id).not.toBe(b.id);
    const json = JSON.stringify(a);
    expect(json).toContain(`"reference":"urn:uuid:${s.patient.id}"`);
    expect(json).toContain(`"reference":"urn:uuid:${s.visit.id}"`);
    expect((of(a, "Questionnaire")[0] as Questionnaire).url).toBe(QUESTIONNAIRE_CANONICAL.split("|")[0]);
  });

  it("proposes suggested imaging, orders it once accepted, and revokes it when overridden", () => {
    const intake = vignetteIntake("LBP-V28"); // X-ray suggested
    const intent = (b: Bundle) => (of(b, "ServiceRequest") as ServiceRequest[]).map((r) => [r.intent, r.status, r.code?.coding?.[1]?.code]);
    expect(intent(visitBundle(summaryOf(intake), opts))).toEqual([["proposal", "active", "xray"]]);
    const accepted = signedSummary(intake);
    expect(intent(visitBundle(accepted, opts))).toEqual([["order", "active", "xray"]]);
    const overridden = signedSummary(intake, {
      decision: { action: "override", modality: "mri", reasonCode: "clinical_examination", reasonText: null, note: null, decidedBy: "Dr Dana Doctor", decidedAt: "2025-03-10T10:00:00.000Z" },
    });
    const bundle = visitBundle(overridden, opts);
    expect(bundleErrors(bundle)).toEqual([]);
    expect(intent(bundle)).toEqual([
      ["proposal", "revoked", "xray"],
      ["order", "active", "mri"],
    ]);
    const order = (of(bundle, "ServiceRequest") as ServiceRequest[])[1]!;
    expect(order.reasonCode?.[0]?.text).toBe("Clinical examination findings");
    expect(order.replaces?.[0]?.reference).toBe(`urn:uuid:${(of(bundle, "ServiceRequest") as ServiceRequest[])[0]!.id}`);
  });

  it("marks the Encounter of a provisional result signed with the acknowledgement, and only that one", () => {
    const encounter = (b: Bundle) => of(b, "Encounter")[0] as Encounter;
    const acknowledged = signedSummary(vignetteIntake("LBP-V17", ["new_bowel_incontinence"]));
    expect(acknowledged.signOff?.provisionalAcknowledged).toBe(true);
    const bundle = visitBundle(acknowledged, opts);
    expect(bundleErrors(bundle)).toEqual([]);
    expect(encounter(bundle).extension).toEqual([{ url: "https://backline.example.org/fhir/StructureDefinition/provisional-acknowledged", valueBoolean: true }]);
    expect((of(bundle, "QuestionnaireResponse")[0] as QuestionnaireResponse).status).toBe("in-progress");
    for (const s of [summaryOf(vignetteIntake("LBP-V17", ["new_bowel_incontinence"])), signedSummary(vignetteIntake("LBP-V17"))]) {
      expect(encounter(visitBundle(s, opts)).extension).toBeUndefined();
    }
  });

  it("orders nothing when no imaging is suggested and the doctor agrees", () => {
    const bundle = visitBundle(signedSummary(vignetteIntake("LBP-V01")), opts);
    expect(of(bundle, "ServiceRequest")).toEqual([]);
  });

  it("writes the pain score as LOINC 72514-3 and every answer into the response", () => {
    const s = summaryOf(vignetteIntake("LBP-V14"));
    const bundle = visitBundle(s, opts);
    expect(of(bundle, "Observation")[0]).toMatchObject({ code: { coding: [{ system: "http://loinc.org", code: "72514-3" }] }, valueInteger: s.answers.pain_score_now });
    const qr = of(bundle, "QuestionnaireResponse")[0] as QuestionnaireResponse;
    const answered = (qr.item ?? []).flatMap((g) => g.item ?? []).map((i) => i.linkId);
    expect(answered.sort()).toEqual(Object.keys(s.answers).sort());
  });
});
