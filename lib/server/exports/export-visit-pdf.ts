import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { renderVisitSummaryPdf } from "@/lib/export/pdf/visit-summary-pdf";
import { audit } from "../audit";
import { assertCan } from "../guard";
import { loadVisitSummary } from "./visit-summary";

/** The visit summary PDF as the record stands now (signed state and addenda included); audited. */
export async function exportVisitPdf(user: TCurrentUser, id: string): Promise<{ pdf: Buffer; filename: string }> {
  assertCan(user, "export:read");
  const summary = await db().$transaction(async (tx) => {
    const s = await loadVisitSummary(tx, id);
    await audit(tx, {
      actorId: user.id,
      action: "visit.export",
      entityType: "Visit",
      entityId: id,
      patientId: s.patient.id,
      details: { format: "pdf", version: s.visit.version, status: s.visit.status, addenda: s.addenda.length },
    });
    return s;
  });
  // Rendered after the commit: the read is recorded whether or not rendering succeeds.
  const { BACKLINE_CLINIC_NAME, BACKLINE_TIMEZONE } = env();
  const pdf = await renderVisitSummaryPdf(summary, {
    clinicName: BACKLINE_CLINIC_NAME,
    printedBy: user.name,
    printedAt: new Date().toISOString(),
    timeZone: BACKLINE_TIMEZONE,
  });
  return { pdf, filename: `visit-summary-${id}.pdf` };
}
