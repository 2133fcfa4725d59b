import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { IntakeForm } from "@/components/intake/intake-form";
import { requirePermission } from "@/lib/auth/guard";
import { fullName } from "@/lib/contracts/format";
import { env } from "@/lib/env";
import { loadOr404 } from "@/lib/http/load-or-404";
import { clinicToday } from "@/lib/server/clock";
import { getVisit } from "@/lib/server/visits/get-visit";

export const metadata: Metadata = { title: "Intake" };

export default async function IntakePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("intake:write");
  const { id } = await params;
  const visit = await loadOr404(id, "Visit", (visitId) => getVisit(user, visitId));
  if (visit.status !== "DRAFT") redirect(`/visits/${visit.id}`);
  const p = visit.patient;
  return (
    <>
      <h1>Intake</h1>
      <IntakeForm
        visitId={visit.id}
        version={visit.version}
        updatedAt={visit.updatedAt}
        answers={visit.answers}
        today={clinicToday()}
        patientLabel={`${fullName(p)} (MRN ${p.mrn})`}
        timeZone={env().BACKLINE_TIMEZONE}
      />
    </>
  );
}
