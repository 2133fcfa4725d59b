import type { Metadata } from "next";
import Link from "next/link";
import { URGENCY_LABELS } from "@/lib/contracts/labels";
import { formatDateTime, fullName } from "@/lib/contracts/format";
import { RecallReviewButton } from "@/components/review/recall-review-button";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { ruleById } from "@/lib/clinical";
import { env } from "@/lib/env";
import { listRulesetRecalls, RECALL_VIEWS, type TRecallView } from "@/lib/server/visits/ruleset-recalls";

export const metadata: Metadata = { title: "Ruleset change review" };

const versionOf = (label: string) => label.split("+")[0];

const VIEW_LABELS: Record<TRecallView, string> = {
  flags: "A red-flag rule now fires",
  questions: "Only questions the older rules did not ask",
  reviewed: "Reviewed",
};

/**
 * Signed visits the current rules would place in a higher tier than they were signed at: a recall list. The signed
 * record never changes; the clinician looks at each patient again (an addendum records what was done) and marks the
 * entry reviewed.
 */
export default async function RulesetChangesPage({ searchParams }: { searchParams: Promise<{ show?: string | string[] }> }) {
  const user = await requirePermission("review:read");
  const requested = (await searchParams).show;
  const view = RECALL_VIEWS.find((v) => v === requested) ?? "flags";
  const { rows, counts, limit } = await listRulesetRecalls(user, view);
  const shown = counts[view];
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
      <nav aria-label="Recall list views" className="sub-nav">
        <ul>
          {RECALL_VIEWS.map((v) => (
            <li key={v}>
              <Link href={`/review/ruleset-changes?show=${v}`} aria-current={v === view ? "page" : undefined}>
                {VIEW_LABELS[v]} ({counts[v]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p role="status">
        {counts.flags + counts.questions === 0
          ? "Nothing to review."
          : `${counts.flags + counts.questions} to review: ${counts.flags} where a red-flag rule now fires, ${counts.questions} only because questions the older rules did not ask were never answered.`}
        {shown > limit ? ` Showing the ${limit} most urgent of ${shown} in this view.` : ""}
      </p>
      {rows.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="recall-caption" tabIndex={0}>
          <table className="recalls">
            <caption id="recall-caption">{VIEW_LABELS[view]}: signed visits ranked higher by the current rules, most urgent first</caption>
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
