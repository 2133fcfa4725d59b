// The staff home page's day: today's open drafts and today's submitted visits, each a link to where the work goes on
// (the intake for a draft, the result for a submitted visit). Plain markup: rendered on the server.
import Link from "next/link";
import { formatTime, fullName } from "@/lib/contracts/format";
import { STATUS_LABELS, type TVisitStatus } from "@/lib/contracts/labels";

export interface TTodayVisit {
  id: string;
  status: TVisitStatus;
  at: string;
  patient: { id: string; mrn: string; givenName: string; familyName: string };
}

export function TodayVisits({
  kind,
  visits,
  timeZone,
}: {
  kind: "drafts" | "submitted";
  visits: TTodayVisit[];
  timeZone: string;
}) {
  const drafts = kind === "drafts";
  const headingId = `today-${kind}-heading`;
  return (
    <section className="card today-visits" aria-labelledby={headingId}>
      <h2 id={headingId}>{drafts ? "Open drafts today" : "Submitted today"}</h2>
      {visits.length === 0 ? (
        <p className="muted">{drafts ? "No intake saved today is still open." : "No visit has been submitted today yet."}</p>
      ) : (
        <ul className="today-list">
          {visits.map((v) => (
            <li key={v.id}>
              <Link href={drafts ? `/visits/${v.id}/intake` : `/visits/${v.id}`} className="today-link">
                <span className="today-name">
                  {drafts ? "Resume" : "Open"} {fullName(v.patient)}
                </span>
                <span className="muted small">
                  MRN {v.patient.mrn} · {drafts ? "last saved" : STATUS_LABELS[v.status].toLowerCase()}{" "}
                  <time dateTime={v.at}>{formatTime(v.at, timeZone)}</time>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
