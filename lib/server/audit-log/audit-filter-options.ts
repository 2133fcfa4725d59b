import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { assertCan } from "../guard";

export interface TAuditFilterOptions {
  actors: { id: string; name: string; email: string }[];
  actions: string[];
}

/** The choices for the audit log's actor and action filters. */
export async function auditFilterOptions(user: TCurrentUser): Promise<TAuditFilterOptions> {
  assertCan(user, "admin:audit");
  const database = db();
  const [actors, actions] = await Promise.all([
    database.user.findMany({ orderBy: [{ name: "asc" }, { email: "asc" }], select: { id: true, name: true, email: true } }),
    // The distinct actions by a loose index scan over audit_events_action_idx: one index probe per
    // action, however many millions of events there are.
    database.$queryRaw<{ action: string }[]>`
      WITH RECURSIVE a(action) AS (
        (SELECT action FROM audit_events ORDER BY action LIMIT 1)
        UNION ALL
        SELECT (SELECT e.action FROM audit_events e WHERE e.action > a.action ORDER BY e.action LIMIT 1)
          FROM a WHERE a.action IS NOT NULL
      )
      SELECT action FROM a WHERE action IS NOT NULL`,
  ]);
  return { actors, actions: actions.map((a) => a.action) };
}
