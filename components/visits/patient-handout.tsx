// The patient handout as a page: one sheet in plain words for the patient (lib/clinical/handout.ts), the same
// content as the last page of the PDF summary. app/print.css prints it alone, in large type, on one page.
import type { THandout } from "@/lib/clinical/handout";

function List({ id, title, lines, className }: { id: string; title: string; lines: readonly string[]; className?: string }) {
  return (
    <section className={className ? `handout-part ${className}` : "handout-part"} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </section>
  );
}

export function PatientHandout({
  handout,
  clinicName,
  patientName,
  visitDay,
  emergency,
}: {
  handout: THandout;
  clinicName: string;
  patientName: string;
  /** already formatted (formatDay) */
  visitDay: string;
  emergency: boolean;
}) {
  return (
    <article className="handout" aria-labelledby="handout-title">
      <p className="handout-clinic">{clinicName}</p>
      <h1 id="handout-title">{handout.title}</h1>
      <p className="handout-for">
        For {patientName} · visit on {visitDay}
      </p>
      <p className={emergency ? "handout-headline handout-headline-emergency" : "handout-headline"}>{handout.headline}</p>
      <List id="handout-next" title="What happens next" lines={handout.nextSteps} />
      <List id="handout-urgent" title="Get help straight away" lines={handout.urgentHelp} className="handout-urgent" />
      {handout.selfCare.length > 0 && <List id="handout-care" title="Looking after your back" lines={handout.selfCare} />}
      <p className="handout-footer">If you are worried or unsure, contact the clinic. In an emergency, go to the emergency department.</p>
    </article>
  );
}
