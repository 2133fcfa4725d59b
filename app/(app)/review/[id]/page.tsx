import type { Metadata } from "next";
import Link from "next/link";
import { SEX_LABELS, STATUS_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";
import { formatDateTime, formatDay, fullName } from "@/lib/contracts/format";
import { LiveRefresh } from "@/components/live/live-refresh";
import { Amendments } from "@/components/review/amendments";
import { DecisionPanel } from "@/components/review/decision-panel";
import { AlertStatus } from "@/components/visits/alert-status";
import { CompleteMissingAnswers } from "@/components/visits/complete-missing-answers";
import { ReevaluationNote } from "@/components/review/reevaluation-note";
import { AskNow } from "@/components/visits/ask-now";
import { Advisories, BloodEvidence, FiredRules, ImagingEvidence, ProvisionalNotice } from "@/components/review/evidence";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { answeredBySection, unansweredSafetyQuestions } from "@/lib/clinical";
import { env } from "@/lib/env";
import { loadOr404 } from "@/lib/http/load-or-404";
import { ageOn } from "@/lib/server/clock";
import { getVisitForReview } from "@/lib/server/visits/get-visit";

export const metadata: Metadata = { title: "Visit review" };

export default async function VisitReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("review:read");
  const { id } = await params;
  // Opening a visit is audited (visit.read) by getVisit, in the same transaction as the read.
  const visit = await loadOr404(id, "Visit", (visitId) => getVisitForReview(user, visitId));
  const timeZone = env().BACKLINE_TIMEZONE;
  const p = visit.patient;
  const evaluation = visit.evaluation;
  const age = visit.submittedAt ? ageOn(p.birthDate, visit.submittedAt.slice(0, 10)) : null;

  const canDecide = can(user.role, "review:decide");
  return (
    <>
      <LiveRefresh visitId={visit.id} />
      <p className="no-print">
        <Link href="/review">Back to the queue</Link>
      </p>
      <header className="patient-header card">
        <h1>
          {fullName(p)}
          {evaluation?.urgency === "emergency" && <span className="tier tier-emergency"> ⚠ EMERGENCY</span>}
        </h1>
        <dl className="facts inline">
          <dt>MRN</dt>
          <dd>{p.mrn}</dd>
          <dt>Born</dt>
          <dd>
            {formatDay(p.birthDate)}
            {age !== null ? ` (${age} at the visit)` : ""}
          </dd>
          <dt>Sex</dt>
          <dd>{SEX_LABELS[p.sex] ?? p.sex}</dd>
          <dt>Submitted</dt>
          <dd>
            {visit.submittedAt ? <time dateTime={visit.submittedAt}>{formatDateTime(visit.submittedAt, timeZone)}</time> : "—"}
            {visit.submittedBy ? ` by ${visit.submittedBy}` : ""}
          </dd>
          <dt>Status</dt>
          <dd>
            {STATUS_LABELS[visit.status]} (version {visit.version})
          </dd>
          {evaluation && (
            <>
              <dt>Urgency</dt>
              <dd>{URGENCY_LABELS[evaluation.urgency]}</dd>
            </>
          )}
        </dl>
      </header>

      {!evaluation ? (
        <p className="notice">This visit has not been submitted yet: there is nothing to review.</p>
      ) : (
        <div className="review-grid">
          <div className="review-main">
            {evaluation.urgency === "emergency" && (
              <section className="banner banner-emergency" role="alert" aria-labelledby="emergency-title">
                <h2 id="emergency-title">Emergency: the patient needs emergency assessment now</h2>
                <p>
                  {evaluation.explanations
                    .filter((e) => e.tier === "emergency")
                    .map((e) => `${e.title} (${e.rule})`)
                    .join("; ")}
                </p>
              </section>
            )}
            {visit.alert && visit.status !== "SIGNED" && (
              <AlertStatus alert={visit.alert} timeZone={timeZone} acknowledgeVisitId={canDecide ? visit.id : null} />
            )}
            {visit.reevaluation && <ReevaluationNote reevaluation={visit.reevaluation} timeZone={timeZone} />}
            <AskNow evaluation={evaluation} blankReason={visit.blankReason} />
            <ProvisionalNotice evaluation={evaluation} />
            {visit.status === "SUBMITTED" && evaluation.missing.length > 0 && canDecide && (
              <CompleteMissingAnswers visitId={visit.id} version={visit.version} answers={visit.answers} missing={evaluation.missing} doneHref={null} />
            )}
            <Amendments amendments={visit.amendments} timeZone={timeZone} />
            {evaluation.out_of_scope && (
              <section className="card" aria-labelledby="scope-title">
                <h2 id="scope-title">Outside the decision support</h2>
                <p>{evaluation.out_of_scope.message}</p>
              </section>
            )}
            <FiredRules evaluation={evaluation} />
            <ImagingEvidence evaluation={evaluation} />
            <BloodEvidence evaluation={evaluation} />
            <Advisories evaluation={evaluation} />
            <section className="card answers" aria-labelledby="answers-title">
              <h2 id="answers-title">History as recorded</h2>
              {answeredBySection(visit.answers).map((s) => (
                <section key={s.id} aria-labelledby={`section-${s.id}`} className="answer-section">
                  <h3 id={`section-${s.id}`}>
                    {s.id} {s.title}
                  </h3>
                  <dl className="facts">
                    {s.answers.map((a) => (
                      <div key={a.id} className="fact">
                        <dt>{a.label}</dt>
                        <dd>{a.value}</dd>
                      </div>
                    ))}
                  </dl>
                </section>
              ))}
            </section>
            <p className="muted">Ruleset {visit.rulesetVersion}. Backline suggests; the doctor decides.</p>
          </div>
          <aside className="review-side" aria-label="Decision">
            <DecisionPanel
              visit={visit}
              unanswered={unansweredSafetyQuestions(evaluation)}
              canDecide={canDecide}
              timeZone={timeZone}
            />
          </aside>
        </div>
      )}
    </>
  );
}
