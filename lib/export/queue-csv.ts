// The columns of the queue export: the queue table's columns plus the decision and sign-off, one line per
// visit, in the screens' words: dates in the clinic's format, times in the clinic's time zone (named in the
// header), red flags by their short names. The rule codes follow in the last two columns, for a clinician or a
// script that wants them.
import { MODALITY_LABELS, STATUS_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";
import { formatDateTime, formatDay } from "@/lib/contracts/format";
import { flagShortName } from "@/lib/contracts/queue";
import { ruleById, type Modality, type Tier } from "@/lib/clinical";
import { csvLine } from "./csv";

export interface TQueueExportRow {
  id: string;
  familyName: string;
  givenName: string;
  mrn: string;
  /** YYYY-MM-DD */
  birthDate: string;
  ageYears: number | null;
  /** ISO timestamp */
  submittedAt: string | null;
  urgency: Tier | null;
  /** rule ids */
  redFlags: readonly string[];
  /** rules a blank safety answer leaves unexcluded (DATA-02) */
  cannotExclude: readonly string[];
  imagingModality: Modality | null;
  status: "SUBMITTED" | "SIGNED";
  decision: "accept" | "override" | null;
  decisionModality: Modality | null;
  signedBy: string | null;
  /** ISO timestamp */
  signedAt: string | null;
}

export function queueCsvColumns(timeZone: string): string[] {
  return [
    "Visit ID",
    "Family name",
    "Given name",
    "MRN",
    "Date of birth",
    "Age at visit",
    `Submitted at (${timeZone})`,
    "Urgency",
    "Red flags",
    "Cannot exclude (unanswered safety questions)",
    "Imaging suggestion",
    "Status",
    "Decision",
    "Imaging decided",
    "Signed by",
    `Signed at (${timeZone})`,
    "Red flag codes",
    "Cannot exclude codes",
  ];
}

export const queueCsvHeader = (timeZone: string) => csvLine(queueCsvColumns(timeZone));

const DECISION_LABELS = { accept: "Accepted", override: "Overridden" } as const;

/** "Cauda equina syndrome; Fracture" (an id the ruleset no longer has is written as it is). */
function flagNames(ids: readonly string[]): string {
  return ids.map((id) => {
    const rule = ruleById(id);
    return rule ? flagShortName(rule) : id;
  }).join("; ");
}

export function queueCsvLine(r: TQueueExportRow, timeZone: string): string {
  const at = (iso: string | null) => (iso ? formatDateTime(iso, timeZone) : null);
  return csvLine([
    r.id,
    r.familyName,
    r.givenName,
    r.mrn,
    formatDay(r.birthDate),
    r.ageYears,
    at(r.submittedAt),
    r.urgency ? URGENCY_LABELS[r.urgency] : null,
    flagNames(r.redFlags),
    flagNames(r.cannotExclude),
    r.imagingModality ? MODALITY_LABELS[r.imagingModality] : null,
    STATUS_LABELS[r.status],
    r.decision ? DECISION_LABELS[r.decision] : null,
    r.decisionModality ? MODALITY_LABELS[r.decisionModality] : null,
    r.signedBy,
    at(r.signedAt),
    r.redFlags.join("; "),
    r.cannotExclude.join("; "),
  ]);
}
