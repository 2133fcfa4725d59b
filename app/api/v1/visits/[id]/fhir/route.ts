import { parseId } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { exportVisitFhir } from "@/lib/server/exports/export-visit-fhir";

export const dynamic = "force-dynamic";

/** The visit as a FHIR R4 Bundle (clinicians; audited). */
export const GET = apiRoute<{ id: string }>("export:read", async (_request, { user, params }) => {
  const id = parseId(params.id, "Visit");
  const bundle = await exportVisitFhir(user, id);
  return new Response(JSON.stringify(bundle), {
    headers: {
      "Content-Type": "application/fhir+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="visit-${id}.fhir.json"`,
      "Cache-Control": "no-store",
    },
  });
});
