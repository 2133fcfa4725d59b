import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { audit } from "../audit";
import { assertCan } from "../guard";

/** Delete one of the signed-in clinician's own saved views; anyone else's (or none) is simply not found. Audited. */
export async function deleteSavedView(user: TCurrentUser, id: string): Promise<void> {
  assertCan(user, "review:read");
  await db().$transaction(async (tx) => {
    const { count } = await tx.savedView.deleteMany({ where: { id, userId: user.id } });
    if (count === 0) throw new AppError("not_found", "Saved view not found.");
    await audit(tx, { actorId: user.id, action: "saved_view.delete", entityType: "SavedView", entityId: id });
  });
}
