import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { renderVisitSummaryPdf } from "@/lib/export/pdf/visit-summary-pdf";
import { loadSummaryForExport } from "./visit-summary";

/** The visit summary PDF as the record stands now (signed state and addenda included); audited. */
export async function exportVisitPdf(user: TCurrentUser, id: string): Promise<{ pdf: Buffer; filename: string }> {
  const summary = await loadSummaryForExport(user, id, "pdf", (s) => ({ addenda: s.addenda.length }));
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
