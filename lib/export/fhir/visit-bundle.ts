// One visit as a FHIR R4 Bundle (type collection): Patient, Encounter, the intake Questionnaire and the
// QuestionnaireResponse with the answers, an Observation for the pain score (coded as the catalogue's pain-score
// question says: LOINC 72514-3), a Flag per red flag, and ServiceRequests for imaging. Nothing here is an order:
// Backline suggests and a doctor decides, and the order itself is placed in the clinic's ordering system. So the
// engine's suggestion is a ServiceRequest with intent "proposal" (active while it waits, completed once a doctor
// accepted it, revoked when overridden), and a doctor's decision for imaging (accepting the suggestion, or choosing
// other imaging) is a second one with intent "plan", based on (or replacing) the proposal. Priority "stat" only when
// the tier is emergency (requestPriority). A provisional result signed with the doctor's acknowledgement carries it
// as an Encounter extension. Every reference is a urn:uuid fullUrl inside the Bundle.
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Encounter,
  Extension,
  Flag,
  Observation,
  Patient,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Reference,
  Resource,
  ServiceRequest,
} from "@medplum/fhirtypes";
import { MODALITY_LABELS } from "@/lib/contracts/labels";
import { painScoreQuestion, QUESTION_LIST, SECTIONS, type Modality, type QuestionDef, type Tier } from "@/lib/clinical";
import { answerSource } from "@/lib/clinical/self-intake";
import { overrideReasonLabel, visitDateOf, type TVisitSummary } from "../visit-summary";
import { SYSTEMS, urn, uuidFor } from "./ids";
import { intakeQuestionnaire, optionCoding, QUESTIONNAIRE_CANONICAL } from "./questionnaire";

/** SNOMED CT procedures for the modalities the engine suggests. */
const MODALITY_SNOMED: Record<Exclude<Modality, "none">, { code: string; display: string }> = {
  xray: { code: "363680008", display: "Radiographic imaging procedure" },
  ct: { code: "77477000", display: "Computerized axial tomography" },
  mri: { code: "113091000", display: "Magnetic resonance imaging" },
};

const REQUEST_PRIORITY: Record<Tier, NonNullable<ServiceRequest["priority"]>> = { emergency: "stat", urgent: "urgent", routine_soon: "routine", none: "routine" };

/** The priority of an imaging request: the tier of the rule that supplied the imaging, else the visit's; "stat" only for emergency. */
export function requestPriority(imagingTier: Tier | null, urgency: Tier): NonNullable<ServiceRequest["priority"]> {
  return REQUEST_PRIORITY[imagingTier ?? urgency];
}
const ENCOUNTER_PRIORITY: Record<Tier, { code: string; display: string }> = {
  emergency: { code: "EM", display: "emergency" },
  urgent: { code: "UR", display: "urgent" },
  routine_soon: { code: "R", display: "routine" },
  none: { code: "R", display: "routine" },
};

function answersOf(q: QuestionDef, value: unknown): QuestionnaireResponseItemAnswer[] {
  switch (q.type) {
    case "boolean":
      return typeof value === "boolean" ? [{ valueBoolean: value }] : [];
    case "enum":
      return typeof value === "string" ? [{ valueCoding: optionCoding(q, value) }] : [];
    case "multi-enum":
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").map((v) => ({ valueCoding: optionCoding(q, v) })) : [];
    case "integer":
      return typeof value === "number" && Number.isInteger(value) ? [{ valueInteger: value }] : [];
    case "number":
      return typeof value === "number" ? [{ valueDecimal: value }] : [];
    case "date":
      return typeof value === "string" ? [{ valueDate: value }] : [];
    case "text":
      return typeof value === "string" && value.trim() !== "" ? [{ valueString: value }] : [];
  }
}

/** On a self-intake: the patient's own answers, and who (staff) to name on an answer the patient did not give as it stands. */
interface TAnswerAuthors {
  patientAnswers: Readonly<Record<string, unknown>>;
  staff: Reference;
}

/**
 * The answers in catalogue groups; sections and questions without an answer are left out. On a self-intake the
 * response's author is the patient, so an answer staff gave (a staff-only question, or one the patient left blank)
 * or corrected names staff as its author (HL7's item-level author extension), and a corrected one keeps the
 * patient's own answer beside it. An answer the patient gave that staff cleared stays as an item without an answer.
 */
function responseItems(answers: Readonly<Record<string, unknown>>, authors: TAnswerAuthors | null): QuestionnaireResponseItem[] {
  const out: QuestionnaireResponseItem[] = [];
  for (const s of SECTIONS) {
    const items: QuestionnaireResponseItem[] = [];
    for (const q of QUESTION_LIST.filter((x) => x.section === s.id)) {
      const answer = answersOf(q, answers[q.id]);
      const source = authors ? answerSource(q.id, answers[q.id], authors.patientAnswers as Record<string, unknown>) : null;
      if (answer.length === 0 && source !== "corrected") continue;
      const extension: Extension[] = [];
      if (authors && (source === "staff" || source === "corrected")) extension.push({ url: SYSTEMS.itemAuthor, valueReference: authors.staff });
      if (authors && source === "corrected") {
        for (const a of answersOf(q, authors.patientAnswers[q.id])) extension.push({ url: SYSTEMS.patientAnswer, ...a });
      }
      items.push({ ...(extension.length > 0 ? { extension } : {}), linkId: q.id, text: q.label, ...(answer.length > 0 ? { answer } : {}) });
    }
    if (items.length > 0) out.push({ linkId: s.id, text: s.title, item: items });
  }
  return out;
}

function modalityCode(m: Exclude<Modality, "none">, text: string): CodeableConcept {
  return {
    coding: [
      { system: SYSTEMS.snomed, ...MODALITY_SNOMED[m] },
      { system: SYSTEMS.modality, code: m, display: MODALITY_LABELS[m] },
    ],
    text,
  };
}

export interface TBundleOptions {
  /** ISO timestamp of the export */
  generatedAt: string;
}

export function visitBundle(s: TVisitSummary, o: TBundleOptions): Bundle {
  const e = s.evaluation;
  const key = (what: string) => uuidFor(`visit:${s.visit.id}:${what}`);
  const ref = <T extends Resource>(id: string, display?: string): Reference<T> => ({ reference: urn(id), ...(display ? { display } : {}) });
  const when = s.visit.submittedAt ?? s.visit.createdAt;

  const patient: Patient = {
    resourceType: "Patient",
    id: s.patient.id,
    identifier: [
      {
        use: "usual",
        type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR", display: "Medical record number" }] },
        system: SYSTEMS.mrn,
        value: s.patient.mrn,
      },
    ],
    name: [{ use: "official", family: s.patient.familyName, given: [s.patient.givenName] }],
    gender: s.patient.sex,
    birthDate: s.patient.birthDate,
  };
  const subject = ref<Patient>(patient.id!);

  const encounter: Encounter = {
    resourceType: "Encounter",
    id: s.visit.id,
    // Signed although provisional (the QuestionnaireResponse stays in-progress): the doctor confirmed asking the
    // unanswered safety questions.
    ...(s.signOff?.provisionalAcknowledged ? { extension: [{ url: SYSTEMS.provisionalAcknowledged, valueBoolean: true }] } : {}),
    // Intake done and triaged by the engine; finished once a doctor signed.
    status: s.visit.status === "SIGNED" ? "finished" : "triaged",
    class: { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "AMB", display: "ambulatory" },
    priority: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActPriority", ...ENCOUNTER_PRIORITY[e.urgency] }] },
    subject,
    period: { start: when, ...(s.signOff ? { end: s.signOff.signedAt } : {}) },
  };
  const encounterRef = ref<Encounter>(encounter.id!);

  const questionnaire = intakeQuestionnaire();
  const response: QuestionnaireResponse = {
    resourceType: "QuestionnaireResponse",
    id: key("questionnaire-response"),
    questionnaire: QUESTIONNAIRE_CANONICAL,
    // A provisional result waits for missing safety answers: the response is not complete yet.
    status: e.status === "final" ? "completed" : "in-progress",
    subject,
    encounter: encounterRef,
    authored: when,
    // The patient answered it themselves (issue 19): the patient is its author and its source; the staff member
    // who checked and submitted it is named on the answers they gave or corrected.
    ...(s.selfIntake
      ? { author: subject, source: subject }
      : s.visit.submittedBy
        ? { author: { display: s.visit.submittedBy } }
        : {}),
    item: responseItems(
      s.answers,
      s.selfIntake ? { patientAnswers: s.selfIntake.answers, staff: { display: s.visit.submittedBy ?? s.visit.createdBy } } : null,
    ),
  };
  const responseRef = ref<QuestionnaireResponse>(response.id!);

  const resources: Resource[] = [patient, encounter, questionnaire, response];

  const painQuestion = painScoreQuestion();
  const pain = s.answers[painQuestion.id];
  if (typeof pain === "number") {
    const { loinc, text } = painQuestion.observation;
    const observation: Observation = {
      resourceType: "Observation",
      id: key("pain-score"),
      status: "final",
      category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "survey", display: "Survey" }] }],
      code: { coding: [{ system: SYSTEMS.loinc, code: loinc.code, display: loinc.display }], text },
      subject,
      encounter: encounterRef,
      effectiveDateTime: visitDateOf(s),
      issued: when,
      valueInteger: pain,
      derivedFrom: [responseRef],
    };
    resources.push(observation);
  }

  const flagIds = new Map<string, string>();
  for (const x of e.explanations.filter((x) => x.kind === "red_flag")) {
    const flag: Flag = {
      resourceType: "Flag",
      id: key(`flag:${x.rule}`),
      extension: [{ url: "http://hl7.org/fhir/StructureDefinition/flag-detail", valueReference: responseRef }],
      status: "active",
      category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/flag-category", code: "clinical", display: "Clinical" }] }],
      code: {
        coding: [{ system: SYSTEMS.rule, code: x.rule, display: x.title }],
        text: `${x.title}${x.tier ? ` (${x.tier})` : ""}. Evidence: ${x.conditions.join("; ")}. Action: ${x.action}`,
      },
      subject,
      period: { start: when },
      encounter: encounterRef,
    };
    flagIds.set(x.rule, flag.id!);
    resources.push(flag);
  }

  const suggested = e.imaging.modality;
  const d = s.decision;
  const supplyingFlag = e.imaging.rule ? flagIds.get(e.imaging.rule) : undefined;
  const common = {
    subject,
    encounter: encounterRef,
    category: [{ coding: [{ system: SYSTEMS.snomed, code: "363679005", display: "Imaging" }] }],
    priority: requestPriority(e.imaging.tier, e.urgency),
    // The answers, and the red flag that supplied the modality (reasonReference cannot point at a Flag in R4).
    supportingInfo: [responseRef, ...(supplyingFlag ? [ref<Flag>(supplyingFlag)] : [])],
  };
  let proposalId: string | undefined;
  if (suggested !== "none") {
    const proposal: ServiceRequest = {
      resourceType: "ServiceRequest",
      id: key("imaging"),
      // The engine's suggestion stays a proposal: completed once a doctor accepted it (the plan below carries the
      // decision), revoked when a doctor overrode it.
      status: d?.action === "override" ? "revoked" : d?.action === "accept" ? "completed" : "active",
      intent: "proposal",
      ...common,
      code: modalityCode(suggested, e.imaging.detail),
      authoredOn: when,
      reasonCode: [{ text: e.imaging.detail }],
      ...(e.imaging.rule ? { note: [{ text: `Suggested by Backline rule ${e.imaging.rule} (ruleset ${e.ruleset_version}).` }] } : {}),
    };
    proposalId = proposal.id;
    resources.push(proposal);
  }
  // The doctor's decision for imaging: accepting the suggestion, or choosing other imaging. An override to no
  // imaging is only the revoked proposal.
  const planned = d?.action === "accept" ? (suggested !== "none" ? suggested : null) : d?.modality && d.modality !== "none" ? d.modality : null;
  if (d && planned) {
    const accepted = d.action === "accept";
    const reason = accepted
      ? "Doctor accepted the suggestion"
      : d.reasonCode
        ? `${overrideReasonLabel(d.reasonCode)}${d.reasonText ? `: ${d.reasonText}` : ""}`
        : "Doctor's decision";
    const plan: ServiceRequest = {
      resourceType: "ServiceRequest",
      id: key(accepted ? "imaging-plan" : "imaging-override"),
      status: "active",
      intent: "plan",
      ...common,
      ...(proposalId ? (accepted ? { basedOn: [ref<ServiceRequest>(proposalId)] } : { replaces: [ref<ServiceRequest>(proposalId)] }) : {}),
      code: modalityCode(planned, accepted ? e.imaging.detail : `${MODALITY_LABELS[planned]} (doctor's choice)`),
      authoredOn: d.decidedAt ?? when,
      ...(d.decidedBy ? { requester: { display: d.decidedBy } } : {}),
      reasonCode: [
        {
          ...(!accepted && d.reasonCode ? { coding: [{ system: SYSTEMS.overrideReason, code: d.reasonCode, display: overrideReasonLabel(d.reasonCode) }] } : {}),
          text: reason,
        },
      ],
      ...(d.note ? { note: [{ text: d.note }] } : {}),
    };
    resources.push(plan);
  }

  const entry: BundleEntry[] = resources.map((resource) => ({ fullUrl: urn(resource.id!), resource }));
  return {
    resourceType: "Bundle",
    id: uuidFor(`export:${s.visit.id}:${o.generatedAt}`),
    identifier: { system: SYSTEMS.bundle, value: uuidFor(`export:${s.visit.id}:${o.generatedAt}`) },
    type: "collection",
    timestamp: o.generatedAt,
    entry,
  };
}
