// Who is asking, re-checked against the database on every request: a deactivated account, a changed
// role or a reset password takes effect at once, whatever the (JWT) session cookie still says.
import "server-only";
import { connection } from "next/server";
import { pool } from "@/lib/db/client";
import { isRole, type TRole } from "./permissions";
import { sessionClaims } from "./session-token";

export interface TCurrentUser {
  id: string;
  email: string;
  name: string;
  role: TRole;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function currentUser(): Promise<TCurrentUser | null> {
  // Per-request by nature: never prerendered at build time.
  await connection();
  const claims = await sessionClaims();
  const id = claims?.id;
  if (!claims || !id || !UUID.test(id)) return null;
  // Plain SQL: this runs on every request, and through Prisma it cost more than the rest of a small request.
  const { rows } = await pool().query<{ id: string; email: string; name: string; role: string; active: boolean; sessionEpoch: number }>({
    name: "backline.current-user",
    text: `SELECT id::text, email, name, role::text, active, session_epoch AS "sessionEpoch" FROM users WHERE id = $1::uuid`,
    values: [id],
  });
  const user = rows[0];
  if (!user || !user.active || !isRole(user.role)) return null;
  // Deactivation and password resets bump the epoch: sessions signed in before them are over.
  if (claims.epoch !== user.sessionEpoch) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
