import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { audit } from "../audit";
import { assertCan } from "../guard";
import { assertPasswordAllowed } from "./password-rules";

/**
 * Set a new password chosen by an admin (to be passed on to the person, who signs in with it).
 * Every open session of the account ends: a reset usually follows a lost or shared password.
 */
export async function resetPassword(actor: TCurrentUser, id: string, password: string): Promise<void> {
  assertCan(actor, "admin:users");
  const database = db();
  const account = await database.user.findUnique({ where: { id }, select: { email: true, name: true } });
  if (!account) throw new AppError("not_found", "User not found.");
  assertPasswordAllowed(password, account);
  const passwordHash = await hashPassword(password);
  await database.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id }, data: { passwordHash, sessionEpoch: { increment: 1 } } });
    if (updated.count === 0) throw new AppError("not_found", "User not found.");
    await audit(tx, { actorId: actor.id, action: "user.password_reset", entityType: "User", entityId: id });
  });
}
