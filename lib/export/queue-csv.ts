// The columns of the queue export: the queue table's columns plus the decision and sign-off, one line per
// visit. Enum values are written as the words the screens use.
import { MODALITY_LABELS, STATUS_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";
import type { Modality, Tier } from "@/lib/clinical";
import { csvLine } from "./csv";

export interface TQueueExportRow {
  id: string;
  familyName: string;
  givenName: string;
  mrn: string;
  /** YYYY-MM-DD */
  birthDate: string;
  ageYears: number | null;
  /** ISO timestamp (UTC) */
  submittedAt: string | null;
  urgency: Tier | null;
  redFlags: readonly string[];
  /** rules a blank safety answer leaves unexcluded (DATA-02) */
  cannotExclude: readonly string[];
  imagingModality: Modality | null;
  status: "SUBMITTED" | "SIGNED";
  decision: "accept" | "override" | null;
  decisionModality: Modality | null;
  signedBy: string | null;
  signedAt: string | null;
}

export const QUEUE_CSV_COLUMNS = [
  "Visit ID",
  "Family name",
  "Given name",
  "MRN",
  "Date of birth",
  "Age at visit",
  "Submitted at (UTC)",
  "Urgency",
  "Red flags",
  "Cannot exclude (unanswered safety questions)",
  "Imaging suggestion",
  "Status",
  "Decision",
  "Imaging decided",
  "Signed by",
  "Signed at (UTC)",
] as const;

export const QUEUE_CSV_HEADER = csvLine(QUEUE_CSV_COLUMNS);

const DECISION_LABELS = { accept: "Accepted", override: "Overridden" } as const;

export function queueCsvLine(r: TQueueExportRow): string {
  return csvLine([
    r.id,
    r.familyName,
    r.givenName,
    r.mrn,
    r.birthDate,
    r.ageYears,
    r.submittedAt,
    r.urgency ? URGENCY_LABELS[r.urgency] : null,
    r.redFlags.join("; "),
    r.cannotExclude.join("; "),
    r.imagingModality ? MODALITY_LABELS[r.imagingModality] : null,
    STATUS_LABELS[r.status],
    r.decision ? DECISION_LABELS[r.decision] : null,
    r.decisionModality ? MODALITY_LABELS[r.decisionModality] : null,
    r.signedBy,
    r.signedAt,
  ]);
}
