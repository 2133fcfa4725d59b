// Identifiers of the FHIR export. Resource ids are UUIDs: the record's own for Patient and Encounter, and
// name-based (RFC 4122 version 5) ones derived from the visit for the others, so exporting the same visit
// twice gives the same ids and a receiver can update instead of duplicating.
import { createHash } from "node:crypto";

/**
 * The namespace of Backline's own code systems and identifiers. example.org is reserved for documentation:
 * a clinic that exchanges these bundles would publish its own base here.
 */
export const FHIR_BASE = "https://backline.example.org/fhir";

export const SYSTEMS = {
  mrn: `${FHIR_BASE}/sid/mrn`,
  rule: `${FHIR_BASE}/CodeSystem/rule`,
  modality: `${FHIR_BASE}/CodeSystem/imaging-modality`,
  overrideReason: `${FHIR_BASE}/CodeSystem/override-reason`,
  bundle: `${FHIR_BASE}/sid/export`,
  /** Encounter extension (valueBoolean true): a provisional result signed after the doctor confirmed asking the unanswered safety questions */
  provisionalAcknowledged: `${FHIR_BASE}/StructureDefinition/provisional-acknowledged`,
  /**
   * QuestionnaireResponse.item extension on a self-intake answer staff corrected: the patient's own answer, one
   * extension per answer value (value[x] as the item's answer would be), none when the patient left it blank
   */
  patientAnswer: `${FHIR_BASE}/StructureDefinition/patient-answer`,
  /** HL7's item-level author (R4 core extension): who gave this answer, when not the response's author */
  itemAuthor: "http://hl7.org/fhir/StructureDefinition/questionnaireresponse-author",
  /** one code system per single- or multiple-choice question; the codes are its option values */
  answer: (fieldId: string) => `${FHIR_BASE}/CodeSystem/intake-${fieldId.replace(/_/g, "-")}`,
  loinc: "http://loinc.org",
  snomed: "http://snomed.info/sct",
} as const;

const NAMESPACE = Buffer.from("4f1c0a3e9b7d4c2a8e6f1d3b5a7c9e0f", "hex");

/** Version 5 UUID of `name` in Backline's namespace. */
export function uuidFor(name: string): string {
  const hash = createHash("sha1").update(NAMESPACE).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const urn = (id: string) => `urn:uuid:${id}`;
