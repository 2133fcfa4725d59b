import type { NextRequest } from "next/server";
import { AppError } from "@/lib/contracts/errors";
import { mediaTypeOf, parseFormBody, parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZAuditFilters, type TAuditFilters } from "@/lib/contracts/audit";
import { exportAuditCsv } from "@/lib/server/audit-log/export-audit-csv";

export const dynamic = "force-dynamic";

/** The filters from a form post (the audit page's Export CSV button: fields as text) or a JSON body. */
async function filtersOf(request: NextRequest): Promise<TAuditFilters> {
  const type = mediaTypeOf(request);
  if (type === "application/x-www-form-urlencoded") return parseFormBody(request, ZAuditFilters);
  if (type === "application/json") return parseJsonBody(request, ZAuditFilters);
  throw new AppError("bad_request", "Send the filters as a form (application/x-www-form-urlencoded) or as JSON (application/json).", [
    { field: "(body)", message: "must be a form or JSON" },
  ]);
}

/**
 * The audit log under the filters `{ actorId?, action?, patient?, from?, to? }` (every page) as CSV. A POST, as the
 * search: the patient filter may be an MRN. Same-origin only, and errors to a form post come back as a short page.
 */
export const POST = apiRoute(
  "admin:audit",
  async (request, { user }) => {
    const { stream, filename, rows } = await exportAuditCsv(user, await filtersOf(request));
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
        "X-Total-Count": String(rows),
      },
    });
  },
  { sameOrigin: true, formErrorPage: { href: "/admin/audit", label: "Back to the audit log" } },
);
