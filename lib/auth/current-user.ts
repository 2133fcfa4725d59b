// Who is asking, re-checked against the database on every request: a deactivated account, a changed
// role or a reset password takes effect at once, whatever the (JWT) session cookie still says.
import "server-only";
import { connection } from "next/server";
import { db } from "@/lib/db/client";
import { isRole, type TRole } from "./permissions";
import { sessionClaims } from "./session-token";

export interface TCurrentUser {
  id: string;
  email: string;
  name: string;
  role: TRole;
}

export async function currentUser(): Promise<TCurrentUser | null> {
  // Per-request by nature: never prerendered at build time.
  await connection();
  const claims = await sessionClaims();
  const id = claims?.id;
  if (!claims || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const user = await db().user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, active: true, sessionEpoch: true },
  });
  if (!user || !user.active || !isRole(user.role)) return null;
  // Deactivation and password resets bump the epoch: sessions signed in before them are over.
  if (claims.epoch !== user.sessionEpoch) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
