import type { Metadata } from "next";
import Link from "next/link";
import { URGENCY_LABELS } from "@/components/labels";
import { formatDateTime, fullName } from "@/components/patients/format";
import { RecallReviewButton } from "@/components/review/recall-review-button";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { ruleById } from "@/lib/clinical";
import { env } from "@/lib/env";
import { listRulesetRecalls } from "@/lib/server/visits/ruleset-recalls";

export const metadata: Metadata = { title: "Ruleset change review" };

const versionOf = (label: string) => label.split("+")[0];

/**
 * Signed visits the current rules would place in a higher tier than they were signed at: a recall list. The signed
 * record never changes; the clinician looks at each patient again (an addendum records what was done) and marks the
 * entry reviewed.
 */
export default async function RulesetChangesPage() {
  const user = await requirePermission("review:read");
  const { rows, open, total } = await listRulesetRecalls(user);
  const timeZone = env().BACKLINE_TIMEZONE;
  const canReview = can(user.role, "review:decide");
  return (
    <>
      <p className="no-print">
        <Link href="/review">Back to the queue</Link>
      </p>
      <h1>Ruleset change review</h1>
      <p className="muted">
        When the decision rules change, open visits are evaluated again. Signed visits are never changed: those the new rules
        would place in a higher tier are listed here so a clinician can look at each patient again. Record what you did as
        an addendum on the visit, then mark the entry as reviewed.
      </p>
      <p role="status">
        {open === 0 ? "Nothing to review." : `${open} of ${total} ${total === 1 ? "entry" : "entries"} to review.`}
      </p>
      {rows.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="recall-caption" tabIndex={0}>
          <table className="recalls">
            <caption id="recall-caption">Signed visits ranked higher by the current rules, open entries first</caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Signed</th>
                <th scope="col">Urgency then → now</th>
                <th scope="col">What the current rules find</th>
                <th scope="col">Review</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link href={`/review/${r.visitId}`}>{fullName(r.patient)}</Link>
                    <br />
                    <span className="muted">MRN {r.patient.mrn}</span>
                  </th>
                  <td>
                    {r.signedAt ? <time dateTime={r.signedAt}>{formatDateTime(r.signedAt, timeZone)}</time> : "—"}
                    {r.signedBy ? ` by ${r.signedBy}` : ""}
                    <br />
                    <span className="muted">
                      under ruleset {versionOf(r.signedRuleset)}, now {versionOf(r.currentRuleset)}
                    </span>
                  </td>
                  <td>
                    {r.signedUrgency ? URGENCY_LABELS[r.signedUrgency] : "—"} → <strong>{URGENCY_LABELS[r.currentUrgency]}</strong>
                  </td>
                  <td>
                    <ul className="plain">
                      {r.gained.map((id) => (
                        <li key={id}>
                          {ruleById(id)?.title ?? id} <span className="rule-id">({id})</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {r.reviewed ? (
                      <>
                        Reviewed by {r.reviewed.by}, <time dateTime={r.reviewed.at}>{formatDateTime(r.reviewed.at, timeZone)}</time>
                        {r.reviewed.note ? <>: {r.reviewed.note}</> : null}
                      </>
                    ) : canReview ? (
                      <RecallReviewButton recallId={r.id} patientLabel={fullName(r.patient)} />
                    ) : (
                      "To review"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
