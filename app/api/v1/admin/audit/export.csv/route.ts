import { csvDownloadResponse, formOrJsonBody } from "@/lib/http/csv-download";
import { apiRoute } from "@/lib/http/route";
import { ZAuditFilters, type TAuditFilters } from "@/lib/contracts/audit";
import { exportAuditCsv } from "@/lib/server/audit-log/export-audit-csv";

export const dynamic = "force-dynamic";

/**
 * The audit log under the filters `{ actorId?, action?, patient?, from?, to? }` (every page) as CSV. A POST, as the
 * search: the patient filter may be an MRN. Same-origin only, and errors to a form post come back as a short page.
 */
export const POST = apiRoute(
  "admin:audit",
  async (request, { user }) => {
    const filters: TAuditFilters = await formOrJsonBody(request, ZAuditFilters, ZAuditFilters, "the filters");
    return csvDownloadResponse(await exportAuditCsv(user, filters));
  },
  { sameOrigin: true, formErrorPage: { href: "/admin/audit", label: "Back to the audit log" } },
);
