import { parseId } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { exportVisitPdf } from "@/lib/server/exports/export-visit-pdf";

export const dynamic = "force-dynamic";

/** The visit summary as a PDF download (clinicians; audited). */
export const GET = apiRoute<{ id: string }>("export:read", async (_request, { user, params }) => {
  const { pdf, filename } = await exportVisitPdf(user, parseId(params.id, "Visit"));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
