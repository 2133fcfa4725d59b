import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import type { TSavedViewList } from "@/lib/contracts/wire/queue";
import { assertCan } from "../guard";
import { SAVED_VIEW_SELECT, toSavedViewDto } from "./saved-view-dto";

/**
 * The signed-in clinician's own saved queue views, oldest first. Not audited: a view holds filters, never patient
 * data (writes are audited: create-saved-view.ts, delete-saved-view.ts).
 */
export async function listSavedViews(user: TCurrentUser): Promise<TSavedViewList> {
  assertCan(user, "review:read");
  const rows = await db().savedView.findMany({ where: { userId: user.id }, select: SAVED_VIEW_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { views: rows.map(toSavedViewDto) };
}
