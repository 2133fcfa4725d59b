// What the API sends for a page of the audit trail: the shape the screens and
// other clients read. Built on the server by lib/server/audit-log/search-audit.ts.

export interface TAuditRow {
  id: string;
  at: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  patientId: string | null;
  /** every patient a list, search or export disclosed */
  patientIds: string[];
  details: unknown;
}

export interface TAuditPage {
  rows: TAuditRow[];
  total: number;
  page: number;
  pageSize: number;
}
