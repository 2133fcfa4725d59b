// "Ask now": what a blank safety answer leaves unexcluded (DATA-02, knowledge.md 0.4 item 1), with the questions
// to ask in the catalogue's words, and the reason staff gave for submitting without them. Never worded as an
// emergency: the case is urgent, and the question is asked before the patient leaves.
import { askNowHeadline, askNowLines, joinWords, type Evaluation } from "@/lib/clinical";
import { blankReasonText, type TBlankReason } from "@/lib/contracts/blank-reasons";

export function AskNow({
  evaluation,
  blankReason,
  headingLevel = 2,
}: {
  evaluation: Pick<Evaluation, "cannot_exclude">;
  blankReason: TBlankReason | null;
  headingLevel?: 2 | 3;
}) {
  const lines = askNowLines(evaluation.cannot_exclude);
  if (lines.length === 0) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="card ask-now" aria-labelledby="ask-now-title">
      <Heading id="ask-now-title">{askNowHeadline(lines)}</Heading>
      <p>Safety questions were left blank, so these cannot be ruled out. Ask them now, before the patient leaves; a doctor reviews the case today.</p>
      <ul className="ask-list">
        {lines.map((l) => (
          <li key={l.rule}>
            <strong>Cannot exclude {l.concern}</strong>: ask about {joinWords(l.questions.map((q) => q.short))}
            <span className="rule-id" data-secondary-id> ({l.rule})</span>
          </li>
        ))}
      </ul>
      {blankReason && <p>Submitted without these answers: {blankReasonText(blankReason)}.</p>}
    </section>
  );
}
