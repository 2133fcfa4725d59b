import type { NextRequest } from "next/server";
import { AppError } from "@/lib/contracts/errors";
import { mediaTypeOf, parseFormBody, parseJsonBody, parseQuery, refuseInQuery } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZQueueQuery, ZQueueSearchBody, type TQueueQuery } from "@/lib/contracts/queue";
import { exportQueueCsv, type TQueueExport } from "@/lib/server/exports/export-queue-csv";

export const dynamic = "force-dynamic";

function csvResponse({ stream, filename, rows }: TQueueExport): Response {
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Total-Count": String(rows),
    },
  });
}

/**
 * The queue view as CSV, every page, without a name search: the same `?status=&urgency=&flag=&imaging=&from=&to=
 * &sort=&dir=` as GET /visits (`page`/`pageSize` ignored). `q` here is a 400 naming it: use POST.
 */
export const GET = apiRoute("export:read", async (request, { user }) => {
  refuseInQuery(request, "q", "POST /api/v1/visits/export.csv");
  return csvResponse(await exportQueueCsv(user, parseQuery(request, ZQueueQuery)));
});

/** The view from a form post (the queue page's Export CSV button: fields as text) or a JSON body. */
async function viewOf(request: NextRequest): Promise<TQueueQuery> {
  const type = mediaTypeOf(request);
  if (type === "application/x-www-form-urlencoded") return parseFormBody(request, ZQueueQuery);
  if (type === "application/json") return parseJsonBody(request, ZQueueSearchBody);
  throw new AppError("bad_request", "Send the view as a form (application/x-www-form-urlencoded) or as JSON (application/json).", [
    { field: "(body)", message: "must be a form or JSON" },
  ]);
}

/**
 * The same CSV for a view with a name/MRN search: the filters and the search text in the body, so the search is
 * in no URL, history entry or downloads list. An HTML form on another site must not be able to start an export
 * with the user's session: a foreign Origin (or Sec-Fetch-Site) is a 403 before anything else, and errors to a
 * form post come back as a short page rather than raw JSON.
 */
export const POST = apiRoute("export:read", async (request, { user }) => csvResponse(await exportQueueCsv(user, await viewOf(request))), {
  sameOrigin: true,
  formErrorPage: { href: "/review", label: "Back to the review queue" },
});
