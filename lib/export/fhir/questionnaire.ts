// The intake as a FHIR R4 Questionnaire, generated from the question catalogue: one group per section, linkId =
// field id, item types from the question types, answer options from the options (codes = option values), units
// and ranges as the core questionnaire extensions. `required` follows the catalogue's R; the catalogue's
// conditional display and requirement (showWhen / requiredWhen) are not expressed (enableWhen cannot say them all).
import type { Coding, Questionnaire, QuestionnaireItem } from "@medplum/fhirtypes";
import { HASHED_QUESTIONS, QUESTION_LIST, RULESET_SEMVER, SECTIONS, type QuestionDef } from "@/lib/clinical";
import { canonicalJson, sha256Hex, utf8 } from "@/lib/clinical/hash";
import { FHIR_BASE, SYSTEMS, uuidFor } from "./ids";

export const QUESTIONNAIRE_URL = `${FHIR_BASE}/Questionnaire/back-pain-intake`;

/** Changes whenever a question, option, unit or section changes (not when only rules or a question's observation coding change). */
export const QUESTIONNAIRE_VERSION = `${RULESET_SEMVER}+${sha256Hex(utf8(canonicalJson({ sections: SECTIONS, questions: HASHED_QUESTIONS }))).slice(0, 12)}`;

export const QUESTIONNAIRE_CANONICAL = `${QUESTIONNAIRE_URL}|${QUESTIONNAIRE_VERSION}`;

const EXT = {
  unit: "http://hl7.org/fhir/StructureDefinition/questionnaire-unit",
  min: "http://hl7.org/fhir/StructureDefinition/minValue",
  max: "http://hl7.org/fhir/StructureDefinition/maxValue",
} as const;

export type TItemType = "boolean" | "choice" | "integer" | "decimal" | "date" | "text";

export function itemTypeOf(q: QuestionDef): TItemType {
  switch (q.type) {
    case "boolean":
      return "boolean";
    case "enum":
    case "multi-enum":
      return "choice";
    case "integer":
      return "integer";
    case "number":
      return "decimal";
    case "date":
      return "date";
    case "text":
      return "text";
  }
}

/** The coding of one option of a choice question. */
export function optionCoding(q: QuestionDef, value: string): Coding {
  const label = "options" in q ? q.options.find((o) => o.value === value)?.label : undefined;
  return { system: SYSTEMS.answer(q.id), code: value, ...(label ? { display: label } : {}) };
}

function questionItem(q: QuestionDef): QuestionnaireItem {
  const item: QuestionnaireItem = { linkId: q.id, text: q.label, type: itemTypeOf(q), required: q.required };
  switch (q.type) {
    case "enum":
    case "multi-enum":
      item.answerOption = q.options.map((o) => ({ valueCoding: optionCoding(q, o.value) }));
      if (q.type === "multi-enum") item.repeats = true;
      break;
    case "integer":
    case "number": {
      const value = (n: number) => (q.type === "integer" ? { valueInteger: n } : { valueDecimal: n });
      item.extension = [
        { url: EXT.unit, valueCoding: { display: q.unit } },
        { url: EXT.min, ...value(q.min) },
        { url: EXT.max, ...value(q.max) },
      ];
      break;
    }
    case "text":
      item.maxLength = q.maxLength;
      break;
    default:
      break;
  }
  if (q.auto) item.readOnly = true;
  return item;
}

let cached: Questionnaire | undefined;

export function intakeQuestionnaire(): Questionnaire {
  cached ??= {
    resourceType: "Questionnaire",
    id: uuidFor(QUESTIONNAIRE_CANONICAL),
    url: QUESTIONNAIRE_URL,
    version: QUESTIONNAIRE_VERSION,
    name: "BacklineBackPainIntake",
    title: "Back pain intake",
    status: "active",
    subjectType: ["Patient"],
    item: SECTIONS.map((s) => ({
      linkId: s.id,
      text: s.title,
      type: "group" as const,
      item: QUESTION_LIST.filter((q) => q.section === s.id).map(questionItem),
    })),
  };
  return cached;
}
