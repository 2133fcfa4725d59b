import { parseQuery } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZQueueQuery } from "@/lib/schemas/queue";
import { exportQueueCsv } from "@/lib/server/exports/export-queue-csv";

export const dynamic = "force-dynamic";

/** The queue view as CSV, every page: the same `?status=&urgency=&flag=&imaging=&q=&from=&to=&sort=&dir=` as GET /visits. */
export const GET = apiRoute("export:read", async (request, { user }) => {
  const { stream, filename, rows } = await exportQueueCsv(user, parseQuery(request, ZQueueQuery));
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Total-Count": String(rows),
    },
  });
});
