import type { Metadata } from "next";
import Link from "next/link";
import { SEX_LABELS, STATUS_LABELS } from "@/lib/contracts/labels";
import { formatDateTime, formatDay, fullName } from "@/lib/contracts/format";
import { LiveRefresh } from "@/components/live/live-refresh";
import { Amendments } from "@/components/review/amendments";
import { DecisionPanel } from "@/components/review/decision-panel";
import { AlertStatus } from "@/components/visits/alert-status";
import { CompleteMissingAnswers } from "@/components/visits/complete-missing-answers";
import { ReevaluationNote } from "@/components/review/reevaluation-note";
import { AskNow } from "@/components/visits/ask-now";
import { BloodEvidence, EmergencyRules, FiredRules, ImagingEvidence, ProvisionalNotice } from "@/components/review/evidence";
import { AdviceSections } from "@/components/visits/advice-sections";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { previewDraft, unansweredSafetyQuestions } from "@/lib/clinical";
import { DraftAlert } from "@/components/review/draft-alert";
import { ReviewChanges } from "@/components/review/review-changes";
import { ReviewHistory } from "@/components/review/review-history";
import { ReviewSummary } from "@/components/review/review-summary";
import { env } from "@/lib/env";
import { loadOr404 } from "@/lib/http/load-or-404";
import { ageOn, clinicToday } from "@/lib/server/clock";
import { getVisitForReview } from "@/lib/server/visits/get-visit";
import { previousVisitAnswers } from "@/lib/server/visits/review-previous-visit";

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
  // The patient's previous visit, for "Changed since last visit" (its read is audited by previousVisitAnswers).
  const previous = evaluation ? await previousVisitAnswers(user, { id: visit.id, patientId: p.id, submittedAt: visit.submittedAt }) : null;

  const canDecide = can(user.role, "review:decide");
  return (
    <div className="review-page">
      <LiveRefresh visitId={visit.id} />
      <p className="no-print">
        <Link href="/review">Back to the queue</Link>
      </p>

      {!evaluation ? (
        <>
          <header className="patient-header card">
            <h1>{fullName(p)}</h1>
            <dl className="facts inline">
              <dt>MRN</dt>
              <dd>{p.mrn}</dd>
              <dt>Born</dt>
              <dd>{formatDay(p.birthDate)}</dd>
              <dt>Sex</dt>
              <dd>{SEX_LABELS[p.sex] ?? p.sex}</dd>
              <dt>Status</dt>
              <dd>{STATUS_LABELS[visit.status]}</dd>
            </dl>
          </header>
          {visit.alert ? (
            <DraftAlert visit={{ ...visit, alert: visit.alert }} preview={previewDraft(visit.answers, { today: clinicToday() })} timeZone={timeZone} canDecide={canDecide} />
          ) : (
            <p className="notice">This visit has not been submitted yet: there is nothing to review.</p>
          )}
        </>
      ) : (
        <div className="review-grid">
          <div className="review-main">
            {/* 1. What a doctor between patients reads first. */}
            <ReviewSummary visit={visit} evaluation={evaluation} age={age} timeZone={timeZone} />
            {evaluation.urgency === "emergency" && (
              <section className="banner banner-emergency" role="alert" aria-labelledby="emergency-title">
                <h2 id="emergency-title">Emergency: the patient needs emergency assessment now</h2>
                <EmergencyRules evaluation={evaluation} />
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
            {evaluation.out_of_scope && (
              <section className="card" aria-labelledby="scope-title">
                <h2 id="scope-title">Outside the decision support</h2>
                <p>{evaluation.out_of_scope.message}</p>
              </section>
            )}
            {/* 2. The history as recorded, abnormal answers marked. */}
            <ReviewHistory answers={visit.answers} evaluation={evaluation} selfIntake={visit.selfIntake} />
            {/* 3. What changed since the patient's previous visit. */}
            {previous && <ReviewChanges previous={previous} answers={visit.answers} timeZone={timeZone} />}
            <Amendments amendments={visit.amendments} timeZone={timeZone} />
            {/* 4. The evidence in detail, folded. */}
            <FiredRules evaluation={evaluation} />
            <ImagingEvidence evaluation={evaluation} />
            <BloodEvidence evaluation={evaluation} />
            <AdviceSections evaluation={evaluation} />
            <p className="muted small">
              Ruleset {visit.rulesetVersion}. Backline suggests; the doctor decides. Submitted{" "}
              {visit.submittedAt ? <time dateTime={visit.submittedAt}>{formatDateTime(visit.submittedAt, timeZone)}</time> : "—"}.
            </p>
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
    </div>
  );
}
