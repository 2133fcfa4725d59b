// Signing out ends the session on the server, not only in the browser: the session id goes on the
// revoked list, so a copy of the cookie (another tab, a proxy log, a stolen laptop's disk) stops working at
// once and is never renewed. Written with its `auth.sign_out` audit row in one transaction.
import type { JWT } from "next-auth/jwt";
import type { Db } from "@/lib/db/client";
import { sessionClaimsOf } from "./session-account";

export async function endSession(database: Db, token: JWT | null | undefined, maxHours: number): Promise<boolean> {
  const claims = sessionClaimsOf(token);
  if (!claims) return false;
  const authTime = typeof token?.authTime === "number" ? token.authTime : Math.floor(Date.now() / 1000);
  // Past its absolute lifetime the token is refused anyway: the row is no longer needed after that.
  const expiresAt = new Date((authTime + maxHours * 3600) * 1000);
  return database.$transaction(async (tx) => {
    const account = await tx.user.findUnique({ where: { id: claims.id }, select: { id: true } });
    if (!account) return false;
    const { count } = await tx.revokedSession.createMany({ data: [{ jti: claims.sid, userId: account.id, expiresAt }], skipDuplicates: true });
    if (count === 0) return false;
    await tx.auditEvent.create({
      data: { actorId: account.id, action: "auth.sign_out", entityType: "User", entityId: account.id, details: {} },
    });
    await tx.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    return true;
  });
}
