import type { Metadata } from "next";
import Link from "next/link";
import { MODALITY_LABELS, STATUS_LABELS, URGENCY_LABELS, SEX_LABELS } from "@/lib/contracts/labels";
import { dayIn, formatDateTime, formatDay } from "@/lib/contracts/format";
import { PainChart, type TPainPoint } from "@/components/patients/pain-chart";
import { StartVisitButton } from "@/components/patients/start-visit-button";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { loadOr404 } from "@/lib/http/load-or-404";
import { ageOn, clinicToday } from "@/lib/server/clock";
import { getPatient, type TVisitHistoryRow } from "@/lib/server/patients/get-patient";

// The patient's name stays out of the title: titles end up in browser history and tab lists.
export const metadata: Metadata = { title: "Patient" };


function ageText(birthDate: string, today: string): string {
  const years = ageOn(birthDate, today);
  if (years < 1) return "under 1 year";
  return `${years} ${years === 1 ? "year" : "years"}`;
}

/** The day a visit happened: the intake's visit date when answered, else the day it was started. */
function visitDay(v: TVisitHistoryRow, timeZone: string): string {
  return v.visitDate ?? dayIn(v.createdAt, timeZone);
}

function visitHref(v: TVisitHistoryRow): string {
  return v.status === "DRAFT" ? `/visits/${v.id}/intake` : `/visits/${v.id}`;
}

export default async function PatientPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("patient:read");
  const { id } = await params;
  const { patient, visits } = await loadOr404(id, "Patient", (patientId) => getPatient(user, patientId));
  const timeZone = env().BACKLINE_TIMEZONE;
  const canStart = can(user.role, "intake:write");
  const openDraft = visits.find((v) => v.status === "DRAFT");
  // Oldest first for the chart; visits already come newest first by creation time.
  const painPoints: TPainPoint[] = visits
    .filter((v) => v.painScore !== null)
    .reverse()
    .map((v) => ({ visitId: v.id, date: visitDay(v, timeZone), score: v.painScore as number, status: v.status, peg: v.peg }))
    .sort((a, b) => a.date.localeCompare(b.date));

  return (
    <>
      <p className="back-link">
        <Link href="/intake">Back to intake</Link>
      </p>
      <section className="card patient-header" aria-labelledby="patient-name">
        <h1 id="patient-name">
          {patient.givenName} {patient.familyName}
        </h1>
        <dl className="facts">
          <div>
            <dt>MRN</dt>
            <dd>{patient.mrn}</dd>
          </div>
          <div>
            <dt>Date of birth</dt>
            <dd>
              <time dateTime={patient.birthDate}>{formatDay(patient.birthDate)}</time>
            </dd>
          </div>
          <div>
            <dt>Age</dt>
            <dd>{ageText(patient.birthDate, clinicToday())}</dd>
          </div>
          <div>
            <dt>Sex</dt>
            <dd>{SEX_LABELS[patient.sex] ?? patient.sex}</dd>
          </div>
        </dl>
        {canStart && (
          <div className="patient-actions">
            {openDraft && (
              <p className="notice">
                An intake for this patient is already in progress (started{" "}
                {formatDateTime(openDraft.createdAt, timeZone)}).{" "}
                <Link href={`/visits/${openDraft.id}/intake`}>Resume that intake</Link>
              </p>
            )}
            <StartVisitButton patientId={patient.id} />
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="visits-heading">
        <h2 id="visits-heading">Visit history</h2>
        {visits.length === 0 ? (
          <p className="muted">No visits yet.</p>
        ) : (
          <div className="table-scroll" role="group" aria-label="Visit history table" tabIndex={0}>
            <table>
              <caption className="muted">Visits, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Status</th>
                  <th scope="col">Urgency</th>
                  <th scope="col">Imaging suggestion</th>
                  <th scope="col">Red flags</th>
                </tr>
              </thead>
              <tbody>
                {visits.map((v) => {
                  const day = visitDay(v, timeZone);
                  return (
                    <tr key={v.id}>
                      <th scope="row">
                        <Link href={visitHref(v)}>
                          <time dateTime={day}>{formatDay(day)}</time>
                          {v.status === "DRAFT" && <span className="visually-hidden"> (continue the intake)</span>}
                        </Link>
                      </th>
                      <td>
                        <span className={`status status-${v.status.toLowerCase()}`}>{STATUS_LABELS[v.status]}</span>
                      </td>
                      <td>
                        {v.urgency ? (
                          <span className={`urgency urgency-${v.urgency}`}>{URGENCY_LABELS[v.urgency]}</span>
                        ) : (
                          <span className="muted">Not evaluated</span>
                        )}
                      </td>
                      <td>{v.imagingModality ? MODALITY_LABELS[v.imagingModality] : <span className="muted">Not evaluated</span>}</td>
                      <td>{v.status === "DRAFT" ? <span className="muted">Not evaluated</span> : v.redFlags.length}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="pain-heading">
        <h2 id="pain-heading">Pain score across visits</h2>
        <PainChart points={painPoints} />
      </section>
    </>
  );
}
