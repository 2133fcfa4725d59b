import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { AuditLog } from "@/components/admin/audit-log";
import { requirePermission } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { AUDIT_LOG_PAGE_SIZE, ZAuditSearch } from "@/lib/contracts/audit";
import { auditFilterOptions } from "@/lib/server/audit-log/audit-filter-options";
import { searchAudit } from "@/lib/server/audit-log/search-audit";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const user = await requirePermission("admin:audit");
  const { actors, actions } = await auditFilterOptions(user);
  const first = await searchAudit(user, ZAuditSearch.parse({ pageSize: AUDIT_LOG_PAGE_SIZE }));
  return (
    <>
      <h1>Admin</h1>
      <AdminNav role={user.role} current="/admin/audit" />
      <h2 className="visually-hidden">Audit log</h2>
      <AuditLog actors={actors} actions={actions} timeZone={env().BACKLINE_TIMEZONE} initial={first} />
    </>
  );
}
