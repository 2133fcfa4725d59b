import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { builtInViews, SAVED_VIEWS_MAX, type TSavedViewCreate } from "@/lib/contracts/queue";
import type { TSavedView } from "@/lib/contracts/wire/queue";
import { audit } from "../audit";
import { assertCan, isUniqueViolation } from "../guard";
import { SAVED_VIEW_SELECT, toSavedViewDto } from "./saved-view-dto";

const BUILT_IN_NAMES = new Set(builtInViews("2000-01-01").map((v) => v.name.toLowerCase()));
const taken = () =>
  new AppError("conflict", "You already have a view with this name.", [{ field: "name", message: "Choose another name: you already have a view with this one" }]);

/**
 * Save the current queue filters under a name, for the signed-in clinician only. The filters were validated by
 * ZSavedViewFilters (no search text); names are unique per person, case aside, and may not be a built-in's.
 * Audited with the view's id only (its name is free text).
 */
export async function createSavedView(user: TCurrentUser, input: TSavedViewCreate): Promise<TSavedView> {
  assertCan(user, "review:read");
  if (BUILT_IN_NAMES.has(input.name.toLowerCase())) {
    throw new AppError("conflict", "That is the name of a built-in view.", [{ field: "name", message: "Choose another name: every clinician has a view with this one" }]);
  }
  try {
    return await db().$transaction(async (tx) => {
      // Taken in turn per person, so two saves at once cannot pass the limit together.
      await tx.$queryRaw`SELECT id FROM users WHERE id = ${user.id}::uuid FOR UPDATE`;
      const mine = await tx.savedView.findMany({ where: { userId: user.id }, select: { name: true } });
      if (mine.some((v) => v.name.toLowerCase() === input.name.toLowerCase())) throw taken();
      if (mine.length >= SAVED_VIEWS_MAX) {
        throw new AppError("conflict", `You have ${SAVED_VIEWS_MAX} saved views, the most there can be: delete one first.`, [
          { field: "name", message: "Delete one of your saved views first" },
        ]);
      }
      const row = await tx.savedView.create({ data: { userId: user.id, name: input.name, filters: input.filters }, select: SAVED_VIEW_SELECT });
      await audit(tx, { actorId: user.id, action: "saved_view.create", entityType: "SavedView", entityId: row.id, details: { count: mine.length + 1 } });
      return toSavedViewDto(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
