// The audit log as CSV (the admin's "Export CSV"): one line per event, in words as on the screen, with the whole
// ids an investigation needs. Cells go through csv.ts, so no cell can start a formula in a spreadsheet.
import { auditActionLabel, auditDetailLines, auditRecordText } from "@/lib/contracts/audit-words";
import { formatDateTime } from "@/lib/contracts/format";
import type { TAuditRow } from "@/lib/contracts/wire/audit";
import { csvLine } from "./csv";

export const AUDIT_CSV_HEADER = csvLine([
  "Event",
  "When",
  "Who",
  "Who (email)",
  "Action",
  "Action code",
  "Record",
  "Record type",
  "Record id",
  "Patient id",
  "Patients shown",
  "Details",
]);

/** A CSV line is one event as the API sends it. */
export type TAuditCsvRow = TAuditRow;

/** One event; `names` are the accounts (id -> name) for rows about an account. */
export function auditCsvLine(r: TAuditCsvRow, timeZone: string, names: ReadonlyMap<string, string>): string {
  return csvLine([
    r.id,
    formatDateTime(r.at, timeZone),
    r.actor?.name ?? "System",
    r.actor?.email ?? "",
    auditActionLabel(r.action),
    r.action,
    auditRecordText(r.entityType, r.entityId, names),
    r.entityType,
    r.entityId,
    r.patientId ?? "",
    r.patientIds.length,
    auditDetailLines(r.details, { names }).join("; "),
  ]);
}
