import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { accountKey, accountPauseSeconds, signInLimits } from "@/lib/auth/throttle";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { assertCan } from "../guard";
import type { TSignInPauses } from "@/lib/contracts/wire/users";

/**
 * Who cannot sign in right now because of failed attempts, for admins: a locked-out colleague, or someone guessing.
 * Attempts are stored by a hash of the email typed, so accounts are matched by hashing each account's email; a
 * paused key no account has is an email nobody uses (shown without a name).
 */
export async function listSignInPauses(user: TCurrentUser, limits = signInLimits(env())): Promise<TSignInPauses> {
  assertCan(user, "admin:users");
  const database = db();
  const [accountRows, addressRows, [everywhere], accounts] = await Promise.all([
    database.$queryRaw<{ account: string; failures: bigint; last_at: Date }[]>`
      SELECT account, count(*) AS failures, max(at) AS last_at FROM login_failures
       WHERE NOT pending AND at > now() - make_interval(mins => ${limits.windowMinutes}::int)
       GROUP BY account HAVING count(*) >= ${limits.perAccount - 1} ORDER BY max(at) DESC LIMIT 100`,
    database.$queryRaw<{ address: string; failures: bigint; oldest: Date }[]>`
      SELECT address, count(*) AS failures, min(at) AS oldest FROM login_failures
       WHERE NOT pending AND at > now() - make_interval(mins => ${limits.windowMinutes}::int)
       GROUP BY address HAVING count(*) >= ${limits.perAddress} ORDER BY count(*) DESC LIMIT 100`,
    database.$queryRaw<{ failures: bigint }[]>`
      SELECT count(*) AS failures FROM login_failures WHERE NOT pending AND at > now() - make_interval(mins => ${limits.windowMinutes}::int)`,
    database.user.findMany({ select: { id: true, name: true, email: true } }),
  ]);
  const byKey = new Map(accounts.map((a) => [accountKey(a.email), a]));
  const windowMs = limits.windowMinutes * 60_000;
  return {
    accounts: accountRows.map((r) => {
      const account = byKey.get(r.account);
      const pause = accountPauseSeconds(Number(r.failures), limits);
      const until = pause ? new Date(r.last_at.getTime() + pause * 1000) : null;
      return {
        userId: account?.id ?? null,
        name: account?.name ?? null,
        email: account?.email ?? null,
        failures: Number(r.failures),
        pausedUntil: until && until.getTime() > Date.now() ? until.toISOString() : null,
      };
    }),
    addresses: addressRows.map((r) => ({ address: r.address, failures: Number(r.failures), until: new Date(r.oldest.getTime() + windowMs).toISOString() })),
    everywhere: { failures: Number(everywhere?.failures ?? 0), limit: limits.global },
    windowMinutes: limits.windowMinutes,
  };
}
