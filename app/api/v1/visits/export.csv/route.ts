import { csvDownloadResponse, formOrJsonBody } from "@/lib/http/csv-download";
import { parseQuery, refuseInQuery } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZQueueQuery, ZQueueSearchBody, type TQueueQuery } from "@/lib/contracts/queue";
import { exportQueueCsv } from "@/lib/server/exports/export-queue-csv";

export const dynamic = "force-dynamic";

/**
 * The queue view as CSV, every page, without a name search: the same `?status=&urgency=&flag=&imaging=&from=&to=
 * &sort=&dir=` as GET /visits (`page`/`pageSize` ignored). `q` here is a 400 naming it: use POST.
 */
export const GET = apiRoute("export:read", async (request, { user }) => {
  refuseInQuery(request, "q", "POST /api/v1/visits/export.csv");
  return csvDownloadResponse(await exportQueueCsv(user, parseQuery(request, ZQueueQuery)));
});

/**
 * The same CSV for a view with a name/MRN search: the filters and the search text in the body, so the search is
 * in no URL, history entry or downloads list. An HTML form on another site must not be able to start an export
 * with the user's session: a foreign Origin (or Sec-Fetch-Site) is a 403 before anything else, and errors to a
 * form post come back as a short page rather than raw JSON.
 */
export const POST = apiRoute("export:read", async (request, { user }) => {
  const view: TQueueQuery = await formOrJsonBody(request, ZQueueQuery, ZQueueSearchBody, "the view");
  return csvDownloadResponse(await exportQueueCsv(user, view));
}, {
  sameOrigin: true,
  formErrorPage: { href: "/review", label: "Back to the review queue" },
});
