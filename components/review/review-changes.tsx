// "Changed since last visit": the answers that differ from the patient's previous submitted visit, compact, in
// the catalogue's words. Shown only when there is an earlier visit.
import { variableName } from "@/lib/clinical/explain";
import { QUESTION_LIST, formatAnswer } from "@/lib/clinical";
import { dayIn, formatDay } from "@/lib/contracts/format";

const shown = (q: (typeof QUESTION_LIST)[number], value: unknown) =>
  value === undefined ? "not answered" : q.type === "date" && typeof value === "string" ? formatDay(value) : formatAnswer(q, value);

/** The questions whose answer differs, in catalogue order (visit_date is always different and left out). */
export function changedAnswers(before: Record<string, unknown>, now: Record<string, unknown>) {
  return QUESTION_LIST.filter((q) => q.id !== "visit_date")
    .filter((q) => JSON.stringify(before[q.id] ?? null) !== JSON.stringify(now[q.id] ?? null))
    .map((q) => ({ id: q.id, name: variableName(q.id), was: shown(q, before[q.id]), now: shown(q, now[q.id]) }));
}

export function ReviewChanges({
  previous,
  answers,
  timeZone,
}: {
  previous: { submittedAt: string; answers: Record<string, unknown> };
  answers: Record<string, unknown>;
  timeZone: string;
}) {
  const changes = changedAnswers(previous.answers, answers);
  return (
    <section className="card review-changes" aria-labelledby="changes-title">
      <h2 id="changes-title">Changed since last visit</h2>
      <p className="muted small">
        Compared with the visit submitted on <time dateTime={previous.submittedAt}>{formatDay(dayIn(previous.submittedAt, timeZone))}</time>.
      </p>
      {changes.length === 0 ? (
        <p>No answer has changed.</p>
      ) : (
        <ul>
          {changes.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong>: {c.was} <span aria-hidden="true">→</span>
              <span className="visually-hidden"> now</span> {c.now}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
