import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ResultView } from "@/components/intake/result-view";
import { LiveRefresh } from "@/components/live/live-refresh";
import { AlertStatus } from "@/components/visits/alert-status";
import { ExportLinks } from "@/components/visits/export-links";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { formatDateTime, formatDay } from "@/lib/contracts/format";
import { STATUS_LABELS } from "@/lib/contracts/labels";
import { env } from "@/lib/env";
import { loadOr404 } from "@/lib/http/load-or-404";
import { getVisit } from "@/lib/server/visits/get-visit";

export const metadata: Metadata = { title: "Visit result" };

export default async function VisitPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("intake:write", "review:read");
  const { id } = await params;
  const visit = await loadOr404(id, "Visit", (visitId) => getVisit(user, visitId));
  if (visit.status === "DRAFT" && can(user.role, "intake:write")) redirect(`/visits/${visit.id}/intake`);
  const p = visit.patient;
  const timeZone = env().BACKLINE_TIMEZONE;
  const canComplete = visit.status === "SUBMITTED" && (visit.evaluation?.missing.length ?? 0) > 0 && can(user.role, "intake:write");
  return (
    <>
      <LiveRefresh visitId={visit.id} />
      <h1>
        Visit result: {p.familyName}, {p.givenName}
      </h1>
      <p className="muted">
        MRN {p.mrn} · born {formatDay(p.birthDate)} · submitted {visit.submittedAt ? formatDateTime(visit.submittedAt, timeZone) : "—"}
        {visit.submittedBy ? ` by ${visit.submittedBy}` : ""} · {STATUS_LABELS[visit.status]}
      </p>
      <ExportLinks visitId={visit.id} status={visit.status} role={user.role} />
      {visit.alert && visit.status !== "SIGNED" && <AlertStatus alert={visit.alert} timeZone={timeZone} />}
      {visit.evaluation ? (
        <ResultView
          evaluation={visit.evaluation}
          blankReason={visit.blankReason}
          completeHref={canComplete ? `/visits/${visit.id}/complete` : null}
        />
      ) : (
        <p>This visit has not been submitted yet.</p>
      )}
      <p className="no-print">
        {visit.status !== "DRAFT" && can(user.role, "review:read") && (
          <>
            <Link href={`/review/${visit.id}`}>Review this visit (evidence and decision)</Link>
            {" · "}
          </>
        )}
        <Link href={`/patients/${p.id}`}>Back to the patient</Link>
      </p>
    </>
  );
}
