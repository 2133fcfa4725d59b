import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { IntakeForm } from "@/components/intake/intake-form";
import { requirePermission } from "@/lib/auth/guard";
import { fullName } from "@/lib/contracts/format";
import { env } from "@/lib/env";
import { loadOr404 } from "@/lib/http/load-or-404";
import { clinicToday } from "@/lib/server/clock";
import { getVisit } from "@/lib/server/visits/get-visit";
import { openLinkOf } from "@/lib/server/self-intake/links";
import { PatientLinkPanel } from "@/components/self-intake/patient-link-panel";
import { formatDateTime } from "@/lib/contracts/format";
import { languageInEnglish } from "@/lib/contracts/self-intake";

export const metadata: Metadata = { title: "Intake" };

export default async function IntakePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("intake:write");
  const { id } = await params;
  const visit = await loadOr404(id, "Visit", (visitId) => getVisit(user, visitId));
  if (visit.status !== "DRAFT") redirect(`/visits/${visit.id}`);
  const p = visit.patient;
  const self = visit.selfIntake;
  const timeZone = env().BACKLINE_TIMEZONE;
  return (
    <>
      <h1>Intake</h1>
      {self?.reportedAt && (
        <section className="card patient-reported" aria-labelledby="patient-reported-title">
          <h2 id="patient-reported-title">Patient-reported, to check</h2>
          <p>
            The patient answered these questions themselves
            {languageInEnglish(self.language) ? ` (in ${languageInEnglish(self.language)})` : ""}, finishing at{" "}
            {formatDateTime(self.reportedAt, timeZone)}. Check each answer with the patient and correct what is needed (the patient&apos;s
            own answers are kept), classify any injury, then submit: only then does the visit reach the doctor&apos;s queue.
          </p>
        </section>
      )}
      <PatientLinkPanel visitId={visit.id} timeZone={timeZone} openUntil={(await openLinkOf(visit.id))?.expiresAt ?? null} />
      <IntakeForm
        patientAnswers={self?.answers ?? null}
        visitId={visit.id}
        version={visit.version}
        updatedAt={visit.updatedAt}
        answers={visit.answers}
        today={clinicToday()}
        patientLabel={`${fullName(p)} (MRN ${p.mrn})`}
        timeZone={timeZone}
      />
    </>
  );
}
