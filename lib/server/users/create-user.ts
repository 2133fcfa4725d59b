import "server-only";
import { randomBytes } from "node:crypto";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import type { TUserCreate } from "@/lib/contracts/users";
import { audit } from "../audit";
import { assertCan, isUniqueViolation } from "../guard";
import { assertPasswordAllowed } from "./password-rules";
import { newSetPasswordLink, type TNewLink } from "./set-password-link";
import type { TUserDto } from "@/lib/contracts/wire/users";
import { toUserDto, USER_SELECT } from "./user-dto";

const duplicate = () =>
  new AppError("conflict", "An account with this email already exists.", [{ field: "email", message: "This email already has an account" }]);

/** A new account with the password an admin typed. */
export async function createUser(actor: TCurrentUser, input: TUserCreate & { password: string }): Promise<TUserDto>;
/** A new account without a password: the person chooses one with the one-time link returned. */
export async function createUser(actor: TCurrentUser, input: TUserCreate): Promise<TUserDto | { user: TUserDto; link: TNewLink }>;
export async function createUser(actor: TCurrentUser, input: TUserCreate): Promise<TUserDto | { user: TUserDto; link: TNewLink }> {
  assertCan(actor, "admin:users");
  const typed = input.password;
  if (typed !== undefined) assertPasswordAllowed(typed, { email: input.email, name: input.name });
  // Argon2id takes a moment: hashed before the transaction, so no connection waits on it. Without a typed password
  // the account gets the hash of 32 random bytes nobody knows: it cannot sign in until the link is used.
  const passwordHash = await hashPassword(typed ?? randomBytes(32).toString("base64url"));
  try {
    return await db().$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw duplicate();
      const created = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash, active: true },
        select: USER_SELECT,
      });
      await audit(tx, { actorId: actor.id, action: "user.create", entityType: "User", entityId: created.id, details: { role: created.role } });
      if (typed !== undefined) return toUserDto(created);
      return { user: toUserDto(created), link: await newSetPasswordLink(tx, actor.id, created.id) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}
