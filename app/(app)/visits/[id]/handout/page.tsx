import type { Metadata } from "next";
import Link from "next/link";
import { PatientHandout } from "@/components/visits/patient-handout";
import { PrintButton } from "@/components/visits/print-button";
import { requirePermission } from "@/lib/auth/guard";
import { patientHandout } from "@/lib/clinical/handout";
import { dayIn, formatDay } from "@/lib/contracts/format";
import { env } from "@/lib/env";
import { loadOr404 } from "@/lib/http/load-or-404";
import { getVisit } from "@/lib/server/visits/get-visit";

// The patient's name stays out of the title: titles end up in browser history and tab lists.
export const metadata: Metadata = { title: "Patient handout" };

/** The one-page handout for the patient to take home; the read is audited (visit.read) by getVisit. */
export default async function HandoutPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("intake:write", "review:read");
  const { id } = await params;
  const visit = await loadOr404(id, "Visit", (visitId) => getVisit(user, visitId));
  const { BACKLINE_CLINIC_NAME, BACKLINE_TIMEZONE } = env();
  const back = (
    <p className="back-link no-print">
      <Link href={`/visits/${visit.id}`}>Back to the visit result</Link>
    </p>
  );
  if (visit.status === "DRAFT" || !visit.evaluation) {
    return (
      <>
        {back}
        <h1>Patient handout</h1>
        <p>The handout is ready once the intake has been submitted.</p>
      </>
    );
  }
  // Staff do not see the doctor's decision (CLINICIAN_ONLY_FIELDS): their handout leaves the imaging plan to the clinic.
  const decision = "decision" in visit ? visit.decision : null;
  const handout = patientHandout({ evaluation: visit.evaluation, decision });
  const day = typeof visit.answers.visit_date === "string" ? visit.answers.visit_date : dayIn(visit.submittedAt ?? visit.createdAt, BACKLINE_TIMEZONE);
  return (
    <>
      {back}
      <PatientHandout
        handout={handout}
        clinicName={BACKLINE_CLINIC_NAME}
        patientName={`${visit.patient.givenName} ${visit.patient.familyName}`}
        visitDay={formatDay(day)}
        emergency={visit.evaluation.urgency === "emergency"}
      />
      <p className="no-print">
        <PrintButton />
      </p>
    </>
  );
}
