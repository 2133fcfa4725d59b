// Answers completed after submit, in the catalogue's words: "Numbness in the saddle area: blank → no, by Sam
// Staff at 10:40", with the result's tier change when there was one.
import { URGENCY_LABELS } from "@/lib/contracts/labels";
import { formatDateTime } from "@/lib/contracts/format";
import { formatAnswer, questionById } from "@/lib/clinical";
import type { TAmendmentDto } from "@/lib/contracts/wire/visit";

export function Amendments({ amendments, timeZone }: { amendments: readonly TAmendmentDto[]; timeZone: string }) {
  if (amendments.length === 0) return null;
  return (
    <section className="card amendments" aria-labelledby="amendments-title">
      <h2 id="amendments-title">Answers completed after submit</h2>
      <ul>
        {amendments.flatMap((a) =>
          a.changes.map((c) => {
            const q = questionById(c.field);
            const from = c.from === null || c.from === undefined ? "blank" : (q ? formatAnswer(q, c.from) : String(c.from)).toLowerCase();
            const to = q ? formatAnswer(q, c.to) : String(c.to);
            return (
              <li key={`${a.version}-${c.field}`}>
                {q ? q.short.charAt(0).toUpperCase() + q.short.slice(1) : c.field}: {from} → {to.toLowerCase()}, by {a.by} at <time dateTime={a.at}>{formatDateTime(a.at, timeZone)}</time>
              </li>
            );
          }),
        )}
      </ul>
      {amendments
        .filter((a) => a.fromUrgency !== a.toUrgency)
        .map((a) => (
          <p key={`tier-${a.version}`} className="notice">
            Urgency changed from {a.fromUrgency ? URGENCY_LABELS[a.fromUrgency] : "none"} to {URGENCY_LABELS[a.toUrgency]} when{" "}
            {a.by} completed answers.
          </p>
        ))}
    </section>
  );
}
