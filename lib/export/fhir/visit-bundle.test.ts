// Pure tests of the FHIR export: every worked case and a few hundred generated intakes (with blanks, so
// provisional results too) produce bundles that validate against FHIR R4 (official JSON Schema + spec rules).
import type { Bundle, Encounter, Questionnaire, QuestionnaireResponse, ServiceRequest } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { compactAnswers, QUESTION_LIST, validateIntake, type Modality } from "@/lib/clinical";
import { CLINIC_MIX, generateIntakes, STRESS_MIX } from "@/lib/db/seed/generate";
import { VIGNETTES } from "@/lib/clinical/test-support/vignettes";
import { bundleErrors, schemaErrors } from "../test-support/fhir-validate";
import { selfIntakeSummary, signedSummary, summaryOf, TODAY, vignetteIntake } from "../test-support/summaries";
import { intakeQuestionnaire, QUESTIONNAIRE_CANONICAL } from "./questionnaire";
import type { TVisitSummary } from "../visit-summary";
import { requestPriority, visitBundle } from "./visit-bundle";

const opts = { generatedAt: "2025-03-12T10:00:00.000Z" };
const MODALITIES: readonly Modality[] = ["none", "xray", "ct", "mri"];
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
    // The first test compiles the whole R4 JSON Schema: seconds on a busy machine.
  }, 30_000);
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
  }, 30_000);

  it("marks a self-intake: the patient is the response's author and source, staff are named on what they gave or corrected", () => {
    const s = selfIntakeSummary(vignetteIntake("LBP-V19"));
    const bundle = visitBundle(s, opts);
    expect(bundleErrors(bundle)).toEqual([]);
    const qr = of(bundle, "QuestionnaireResponse")[0] as QuestionnaireResponse;
    expect(qr.author).toEqual({ reference: `urn:uuid:${s.patient.id}` });
    expect(qr.source).toEqual({ reference: `urn:uuid:${s.patient.id}` });
    const items = new Map((qr.item ?? []).flatMap((g) => g.item ?? []).map((i) => [i.linkId, i]));
    const authorOf = (id: string) => items.get(id)?.extension?.find((x) => x.url === "http://hl7.org/fhir/StructureDefinition/questionnaireresponse-author")?.valueReference;
    const patientSaid = (id: string) => items.get(id)?.extension?.filter((x) => x.url.endsWith("/patient-answer"));
    // As the patient gave it: no item-level author (the response's author, the patient, gave it).
    expect(items.get("age_years")?.answer).toEqual([{ valueInteger: 63 }]);
    expect(items.get("age_years")?.extension).toBeUndefined();
    // Staff-only: staff are its author.
    expect(authorOf("trauma_energy")).toEqual({ display: "Sam Staff" });
    expect(patientSaid("trauma_energy")).toEqual([]);
    // Corrected: the answer as it stands, staff as its author, and the patient's own answer kept beside it.
    expect(items.get("pain_score_now")?.answer).toEqual([{ valueInteger: 7 }]);
    expect(authorOf("pain_score_now")).toEqual({ display: "Sam Staff" });
    expect(patientSaid("pain_score_now")?.map((x) => x.valueInteger)).toEqual([9]);
    // Cleared by staff: an item with no answer, the patient's answer kept.
    expect(items.get("pain_radiation")?.answer).toBeUndefined();
    expect(patientSaid("pain_radiation")?.map((x) => x.valueCoding?.code)).toEqual(["none"]);
    // An intake staff took names the staff member who submitted it, and no item-level authors.
    const staffQr = of(visitBundle(summaryOf(vignetteIntake("LBP-V19")), opts), "QuestionnaireResponse")[0] as QuestionnaireResponse;
    expect(staffQr.author).toEqual({ display: "Sam Staff" });
    expect(staffQr.source).toBeUndefined();
    expect(JSON.stringify(staffQr)).not.toContain("questionnaireresponse-author");
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

  it("proposes suggested imaging, plans it once accepted, and revokes it when overridden: never an order", () => {
    const intake = vignetteIntake("LBP-V28"); // X-ray suggested
    const intent = (b: Bundle) => (of(b, "ServiceRequest") as ServiceRequest[]).map((r) => [r.intent, r.status, r.code?.coding?.[1]?.code]);
    expect(intent(visitBundle(summaryOf(intake), opts))).toEqual([["proposal", "active", "xray"]]);
    const acceptedBundle = visitBundle(signedSummary(intake), opts);
    expect(bundleErrors(acceptedBundle)).toEqual([]);
    expect(intent(acceptedBundle)).toEqual([
      ["proposal", "completed", "xray"],
      ["plan", "active", "xray"],
    ]);
    const [proposal, plan] = of(acceptedBundle, "ServiceRequest") as ServiceRequest[];
    expect(plan!.basedOn?.[0]?.reference).toBe(`urn:uuid:${proposal!.id}`);
    expect(plan!.requester?.display).toBe("Dr Dana Doctor");
    const overridden = signedSummary(intake, {
      decision: { action: "override", modality: "mri", reasonCode: "clinical_examination", reasonText: null, note: null, decidedBy: "Dr Dana Doctor", decidedAt: "2025-03-10T10:00:00.000Z" },
    });
    const bundle = visitBundle(overridden, opts);
    expect(bundleErrors(bundle)).toEqual([]);
    expect(intent(bundle)).toEqual([
      ["proposal", "revoked", "xray"],
      ["plan", "active", "mri"],
    ]);
    const order = (of(bundle, "ServiceRequest") as ServiceRequest[])[1]!;
    expect(order.reasonCode?.[0]?.text).toBe("Clinical examination findings");
    expect(order.replaces?.[0]?.reference).toBe(`urn:uuid:${(of(bundle, "ServiceRequest") as ServiceRequest[])[0]!.id}`);
  });

  it("an override to CT is a plan, not a stat order, unless the tier is emergency", () => {
    const decision = { action: "override" as const, modality: "ct" as const, reasonCode: "clinical_examination" as const, reasonText: null, note: null, decidedBy: "Dr Dana Doctor", decidedAt: "2025-03-10T10:00:00.000Z" };
    const urgent = summaryOf(vignetteIntake("LBP-V19"), { decision }); // urgent MRI
    expect(urgent.evaluation.urgency).toBe("urgent");
    const plans = (of(visitBundle(urgent, opts), "ServiceRequest") as ServiceRequest[]).filter((r) => r.intent === "plan");
    expect(plans.map((r) => [r.intent, r.priority, r.code?.coding?.[1]?.code])).toEqual([["plan", "urgent", "ct"]]);
    const emergency = summaryOf(vignetteIntake("LBP-V17"), { decision: { ...decision, modality: "ct" } });
    expect(emergency.evaluation.urgency).toBe("emergency");
    const stat = (of(visitBundle(emergency, opts), "ServiceRequest") as ServiceRequest[]).map((r) => [r.intent, r.priority]);
    expect(stat).toEqual([
      ["proposal", "stat"],
      ["plan", "stat"],
    ]);
  });

  it("over every worked case and every kind of decision: proposal for the suggestion, plan for the decision, stat only in an emergency", () => {
    const at = "2025-03-10T10:00:00.000Z";
    type TDecision = NonNullable<TVisitSummary["decision"]>;
    const decisions = (suggested: Modality): (TDecision | null)[] => [
      null,
      { action: "accept", modality: suggested, reasonCode: null, reasonText: null, note: null, decidedBy: "Dr Dana Doctor", decidedAt: at },
      ...MODALITIES.filter((m) => m !== suggested).map(
        (m): TDecision => ({ action: "override", modality: m, reasonCode: "clinical_examination", reasonText: null, note: null, decidedBy: "Dr Dana Doctor", decidedAt: at }),
      ),
    ];
    let checked = 0;
    for (const v of VIGNETTES) {
      const base = summaryOf(vignetteIntake(v.id));
      const e = base.evaluation;
      const tier = e.imaging.tier ?? e.urgency;
      for (const decision of decisions(e.imaging.modality)) {
        const bundle = visitBundle({ ...base, decision }, opts);
        expect(bundleErrors(bundle), v.id).toEqual([]);
        const requests = of(bundle, "ServiceRequest") as ServiceRequest[];
        const label = `${v.id} ${decision?.action ?? "waiting"} ${decision?.modality ?? ""}`;
        expect(requests.every((r) => r.intent === "proposal" || r.intent === "plan"), label).toBe(true);
        expect(requests.some((r) => r.intent === "order"), label).toBe(false);
        expect(requests.filter((r) => r.intent === "proposal").length, label).toBe(e.imaging.modality === "none" ? 0 : 1);
        const planned = decision?.modality && decision.modality !== "none" ? decision.modality : null;
        expect(requests.filter((r) => r.intent === "plan").map((r) => r.code?.coding?.[1]?.code), label).toEqual(planned ? [planned] : []);
        for (const r of requests) {
          expect(r.priority === "stat", label).toBe(tier === "emergency");
          expect(r.priority, label).toBe(requestPriority(e.imaging.tier, e.urgency));
        }
        const proposal = requests.find((r) => r.intent === "proposal");
        if (proposal) expect(proposal.status, label).toBe(!decision ? "active" : decision.action === "accept" ? "completed" : "revoked");
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(VIGNETTES.length * 2);
    expect(requestPriority(null, "emergency")).toBe("stat");
    for (const t of ["urgent", "routine_soon", "none"] as const) expect(requestPriority(t, t)).not.toBe("stat");
  }, 30_000);

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
