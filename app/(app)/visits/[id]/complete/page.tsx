import type { Metadata } from "next";
import Link from "next/link";
import { LiveRefresh } from "@/components/live/live-refresh";
import { CompleteMissingAnswers } from "@/components/visits/complete-missing-answers";
import { requirePermission } from "@/lib/auth/guard";
import { loadOr404 } from "@/lib/http/load-or-404";
import { getVisit } from "@/lib/server/visits/get-visit";

export const metadata: Metadata = { title: "Complete missing answers" };

export default async function CompleteMissingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("intake:write");
  const { id } = await params;
  const visit = await loadOr404(id, "Visit", (visitId) => getVisit(user, visitId));
  const p = visit.patient;
  const missing = visit.evaluation?.missing ?? [];
  return (
    <>
      <LiveRefresh visitId={visit.id} />
      <h1>
        Complete missing answers: {p.familyName}, {p.givenName}
      </h1>
      <p className="muted">MRN {p.mrn}</p>
      {visit.status === "SIGNED" ? (
        <p className="notice">
          This visit is signed, and a signed visit is never amended. Tell the doctor: answers learned after signing go in
          an addendum.
        </p>
      ) : visit.status !== "SUBMITTED" ? (
        <p className="notice">
          This visit has not been submitted yet: <Link href={`/visits/${visit.id}/intake`}>continue the intake</Link>.
        </p>
      ) : missing.length === 0 ? (
        <p className="notice">No answers are blank on this visit.</p>
      ) : (
        <CompleteMissingAnswers visitId={visit.id} version={visit.version} answers={visit.answers} missing={missing} doneHref={`/visits/${visit.id}`} />
      )}
      <p>
        <Link href={`/visits/${visit.id}`}>Back to the result</Link>
      </p>
    </>
  );
}
