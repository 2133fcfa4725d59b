// Checks an email + password pair. Every failure looks the same to the caller: the sign-in
// page must not reveal whether the email exists, the password was wrong, or the account is off.
import type { Db } from "@/lib/db/client";
import { isRole, type TRole } from "./permissions";
import { verifyPassword } from "./password";

export interface TAuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: TRole;
}

export async function checkCredentials(
  database: Db,
  emailInput: unknown,
  passwordInput: unknown,
): Promise<TAuthenticatedUser | null> {
  if (typeof emailInput !== "string" || typeof passwordInput !== "string") return null;
  const email = emailInput.trim().toLowerCase();
  if (email.length === 0 || email.length > 320 || passwordInput.length > 1024) return null;
  const user = await database.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
  });
  const ok = await verifyPassword(passwordInput, user?.passwordHash ?? null);
  if (!ok || !user || !user.active || !isRole(user.role)) return null;
  await database.auditEvent.create({
    data: { actorId: user.id, action: "auth.sign_in", entityType: "User", entityId: user.id },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
