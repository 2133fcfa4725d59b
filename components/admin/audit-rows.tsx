// The audit log's table: one dense line per event, in words (lib/contracts/audit-words.ts). Admins see patients
// as short ids only (the security round: the audit log discloses who saw whom, not who the patients are); the
// whole id is in the cell's title and the CSV export. Long details fold, so 50 rows stay a short page.
import { auditActionLabel, auditDetailLines, auditRecordText, shortId } from "@/lib/contracts/audit-words";
import { formatDateTime } from "@/lib/contracts/format";
import type { TAuditRow } from "@/lib/contracts/wire/audit";

/** Details shown before folding. */
const INLINE = 2;

function who(r: TAuditRow): string {
  if (r.actor) return r.actor.name;
  return r.action.startsWith("auth.") ? "Someone signing in" : "Backline (automatic)";
}

function Details({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  if (lines.length <= INLINE + 1) return <>{lines.join(" · ")}</>;
  return (
    <details className="audit-more">
      <summary>
        {lines.slice(0, INLINE).join(" · ")} <span className="muted">(+{lines.length - INLINE} more)</span>
      </summary>
      <ul>
        {lines.slice(INLINE).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </details>
  );
}

export function AuditRows({ rows, names, timeZone, caption }: { rows: TAuditRow[]; names: ReadonlyMap<string, string>; timeZone: string; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="audit-table audit-dense">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Record</th>
            <th scope="col">Patient</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="audit-when">
                <time dateTime={r.at}>{formatDateTime(r.at, timeZone)}</time>
              </td>
              <td title={r.actor?.email}>{who(r)}</td>
              <td title={r.action}>{auditActionLabel(r.action)}</td>
              <td>{auditRecordText(r.entityType, r.entityId, names)}</td>
              <td>{r.patientId ? <span title={`Patient id ${r.patientId}`}>{shortId(r.patientId)}</span> : <span className="muted">—</span>}</td>
              <td className="audit-details">
                <Details lines={auditDetailLines(r.details, { names, patientsShown: r.patientIds.length })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
