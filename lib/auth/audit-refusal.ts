// The audit row of a refused request (403): an account trying what its role does not allow is worth knowing
// about, whether it came through the API (lib/http/route.ts) or a page (guard.ts).
import { db } from "@/lib/db/client";
import type { TSessionAccount } from "./session-account";

export async function recordRefusal(actor: TSessionAccount, where: { method: string; path: string }, site?: string | null): Promise<void> {
  await db().auditEvent.create({
    data: {
      actorId: actor.id,
      action: "access.denied",
      entityType: "Route",
      // The method and path (record ids at most: patient data never goes into URLs), without the query string.
      entityId: `${where.method} ${where.path}`.slice(0, 300),
      details: { role: actor.role, ...(site ? { fetchSite: site.slice(0, 20) } : {}) },
    },
  });
}
