import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { ZQueueQuery } from "@/lib/contracts/queue";
import { assertCan } from "../guard";
import { orderOf } from "./list-queue";

// The queue's default view (unsigned visits, most urgent first, then oldest waiting): "Sign and open next" follows it.
const DEFAULT_VIEW = ZQueueQuery.parse({});

/**
 * The first unsigned (submitted) visit in the queue's default order, leaving out the one the doctor has just
 * signed (it may still read as unsigned to a concurrent reader). Returns an id only, no patient data: opening it
 * is audited by the review page.
 */
export async function nextInQueue(user: TCurrentUser, afterVisitId: string): Promise<string | null> {
  assertCan(user, "review:read");
  const rows = await db().$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT v.id::text AS id FROM visits v JOIN patients p ON p.id = v.patient_id
     WHERE v.status = 'SUBMITTED'::"VisitStatus" AND v.id <> ${afterVisitId}::uuid
     ORDER BY ${orderOf({ ...DEFAULT_VIEW, status: "SUBMITTED" })} LIMIT 1`);
  return rows[0]?.id ?? null;
}
