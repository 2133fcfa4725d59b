// Who is asking, re-checked against the database on every request: a deactivated account, a changed
// role, a reset password or a sign-out takes effect at once, whatever the (JWT) session cookie still says.
import "server-only";
import { connection } from "next/server";
import { sessionAccount, type TSessionAccount } from "./session-account";
import { sessionClaims } from "./session-token";

export type TCurrentUser = TSessionAccount;

export async function currentUser(): Promise<TCurrentUser | null> {
  // Per-request by nature: never prerendered at build time.
  await connection();
  const claims = await sessionClaims();
  return claims ? sessionAccount(claims) : null;
}
