import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import type { TUserUpdate } from "@/lib/contracts/users";
import { audit } from "../audit";
import { assertCan } from "../guard";
import type { TUserDto } from "@/lib/contracts/wire/users";
import { toUserDto, USER_SELECT } from "./user-dto";

/**
 * Change an account's role and/or switch it off or on. An admin cannot demote or deactivate
 * themselves, and the last active admin stays: someone must be able to administer Backline.
 * Deactivation bumps the session epoch, so the person's open sessions end with their next request,
 * and stay ended if the account is later switched back on.
 */
export async function updateUser(actor: TCurrentUser, id: string, input: TUserUpdate): Promise<TUserDto> {
  assertCan(actor, "admin:users");
  if (id === actor.id && input.role !== undefined && input.role !== "ADMIN") {
    throw new AppError("conflict", "You cannot change your own role.", [{ field: "role", message: "Ask another administrator to change your role" }]);
  }
  if (id === actor.id && input.active === false) {
    throw new AppError("conflict", "You cannot deactivate your own account.", [{ field: "active", message: "Ask another administrator to deactivate your account" }]);
  }
  return db().$transaction(async (tx) => {
    // Every active admin row is locked, so two admins demoting each other at once are taken in turn
    // and the second sees the first's change.
    const admins = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM users WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`;
    const target = await tx.user.findUnique({ where: { id }, select: { role: true, active: true } });
    if (!target) throw new AppError("not_found", "User not found.");
    const role = input.role ?? target.role;
    const active = input.active ?? target.active;
    const removesAnAdmin = target.role === "ADMIN" && target.active && (role !== "ADMIN" || !active);
    if (removesAnAdmin && admins.every((a) => a.id === id)) {
      throw new AppError("conflict", "This is the last active administrator.", [
        { field: input.role !== undefined && role !== "ADMIN" ? "role" : "active", message: "Make another account an active administrator first" },
      ]);
    }
    const deactivating = target.active && !active;
    const updated = await tx.user.update({
      where: { id },
      data: { role, active, ...(deactivating ? { sessionEpoch: { increment: 1 } } : {}) },
      select: USER_SELECT,
    });
    if (role !== target.role || active !== target.active) {
      await audit(tx, {
        actorId: actor.id,
        action: "user.update",
        entityType: "User",
        entityId: id,
        details: {
          ...(role !== target.role ? { roleFrom: target.role, roleTo: role } : {}),
          ...(active !== target.active ? { activeFrom: target.active, activeTo: active } : {}),
        },
      });
    }
    return toUserDto(updated);
  });
}
