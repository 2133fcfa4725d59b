import "server-only";
import type { Db } from "@/lib/db/client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type TDbOrTx = Db | Tx;

export interface TAuditEntry {
  actorId: string | null;
  /** dot-separated verb, e.g. "patient.list", "visit.submit". */
  action: string;
  entityType: string;
  entityId: string;
  patientId?: string | null;
  /**
   * Every patient a list, search or export disclosed (queue pages, searches, CSV, the pin): filtering the
   * audit log by patient finds these rows too. Duplicates are removed here.
   */
  patientIds?: readonly string[];
  /**
   * Ids, counts, the action's version and ruleset version only: never answers, names, results (urgency,
   * imaging, decisions, reasons) or which questions were blank. The clinical history is in the visit's own
   * versioned records (visits, visit_amendments, alerts); audit-content.int.test.ts holds the allowed keys.
   */
  details?: Record<string, string | number | boolean | null | string[]>;
}

/** Write one audit row; pass the transaction of the change so both commit or neither does. */
export async function audit(tx: TDbOrTx, entry: TAuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      patientId: entry.patientId ?? null,
      patientIds: [...new Set(entry.patientIds ?? [])],
      details: entry.details ?? {},
    },
  });
}

/**
 * For the hot paths written as one SQL statement (start, autosave, submit): the audit row goes into the
 * same statement as the change, as a data-modifying CTE, so both commit or neither does. Append to the
 * INSERT: `SELECT actor_id, action, entity_type, entity_id, patient_id, details FROM <the changed row>`.
 */
export const AUDIT_INSERT = "INSERT INTO audit_events (actor_id, action, entity_type, entity_id, patient_id, details)";
