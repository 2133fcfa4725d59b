// Whether a session token still stands for a signed-in account: the account exists and is active, its session
// epoch is the one the token was issued under (deactivation and password resets bump it), and the session was
// not ended by signing out (revoked_sessions). Asked on every request by currentUser, by next-auth's own
// /api/auth/session, and by proxy.ts before it renews a session cookie.
import type { JWT } from "next-auth/jwt";
import { pool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { isRole } from "./permissions";
import { type TRole } from "@/lib/contracts/roles";
import { twoStepRequired } from "./two-step";

export interface TSessionClaims {
  /** The account id (`sub`). */
  id: string;
  epoch: number;
  /** The session id, chosen at sign-in and kept by renewals (next-auth's own `jti` changes on every renewal). */
  sid: string;
}

export interface TSessionAccount {
  id: string;
  email: string;
  name: string;
  role: TRole;
  /**
   * The role requires two-step sign-in and the account has not set it up: until it does, it may open only the
   * set-up page and its API (lib/http/route.ts, lib/auth/guard.ts). Absent otherwise.
   */
  mustSetUpTwoStep?: true;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The claims a session needs, or null for a token without them (one issued before session ids existed counts as ended). */
export function sessionClaimsOf(token: JWT | null | undefined): TSessionClaims | null {
  if (!token || typeof token.sub !== "string" || !UUID.test(token.sub)) return null;
  if (typeof token.sid !== "string" || !UUID.test(token.sid)) return null;
  return { id: token.sub, epoch: typeof token.epoch === "number" ? token.epoch : -1, sid: token.sid };
}

export async function sessionAccount(claims: TSessionClaims): Promise<TSessionAccount | null> {
  // Plain SQL: this runs on every request, and through Prisma it cost more than the rest of a small request.
  const { rows } = await pool().query<{ id: string; email: string; name: string; role: string; active: boolean; sessionEpoch: number; revoked: boolean; twoStepOn: boolean }>({
    name: "backline.session-account",
    text: `SELECT u.id::text, u.email, u.name, u.role::text, u.active, u.session_epoch AS "sessionEpoch",
                  u.totp_enabled_at IS NOT NULL AS "twoStepOn",
                  EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.jti = $2::uuid) AS revoked
             FROM users u WHERE u.id = $1::uuid`,
    values: [claims.id, claims.sid],
  });
  const user = rows[0];
  if (!user || !user.active || user.revoked || !isRole(user.role)) return null;
  if (claims.epoch !== user.sessionEpoch) return null;
  const account: TSessionAccount = { id: user.id, email: user.email, name: user.name, role: user.role };
  if (!user.twoStepOn && twoStepRequired(user.role, env().BACKLINE_TWO_STEP_CLINICIANS)) account.mustSetUpTwoStep = true;
  return account;
}
