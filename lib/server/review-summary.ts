import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { ZQueueQuery } from "@/lib/contracts/queue";
import { assertCan } from "./guard";
import type { TUrgencyCounts } from "@/lib/contracts/wire/queue";
import { countByUrgency } from "./visits/list-queue";

/** Visits waiting for a doctor, counted by urgency: the queue's default view (no patient data, so not audited). */
export async function reviewSummary(user: TCurrentUser): Promise<TUrgencyCounts> {
  assertCan(user, "review:read");
  return countByUrgency(db(), ZQueueQuery.parse({}));
}
