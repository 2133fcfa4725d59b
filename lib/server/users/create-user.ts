import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import type { TUserCreate } from "@/lib/contracts/users";
import { audit } from "../audit";
import { assertCan, isUniqueViolation } from "../guard";
import { assertPasswordAllowed } from "./password-rules";
import type { TUserDto } from "@/lib/contracts/wire/users";
import { toUserDto, USER_SELECT } from "./user-dto";

const duplicate = () =>
  new AppError("conflict", "An account with this email already exists.", [{ field: "email", message: "This email already has an account" }]);

export async function createUser(actor: TCurrentUser, input: TUserCreate): Promise<TUserDto> {
  assertCan(actor, "admin:users");
  assertPasswordAllowed(input.password, { email: input.email, name: input.name });
  // bcrypt takes ~150 ms: hashed before the transaction, so no connection waits on it.
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw duplicate();
      const created = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash, active: true },
        select: USER_SELECT,
      });
      await audit(tx, { actorId: actor.id, action: "user.create", entityType: "User", entityId: created.id, details: { role: created.role } });
      return toUserDto(created);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}
