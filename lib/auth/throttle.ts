// Sign-in throttling, per account and per client address, kept in PostgreSQL so that every app
// instance behind a load balancer counts the same failures.
//
// An attempt is recorded *before* its password is checked, as pending, and its row removed when the
// password turns out right: successful sign-ins never count once done. Per account, pending attempts count
// too (counted under a per-account advisory lock), so parallel guesses at one account cannot all slip
// under the limit. Per address, only failures count: many people signing in at once from one clinic behind one
// NAT address never throttle each other. A refused (throttled) attempt is not recorded, so the pause lifts
// as the oldest failures leave the window, whatever an attacker keeps sending.
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";

export interface TThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowMinutes: number;
}

/** The account key: a hash of the normalised email, so what people type there is not stored. */
export function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

export interface TAttempt {
  id: bigint;
  /** The account's failures (and attempts in flight) within the window before this one. */
  priorAccountFailures: number;
}

/**
 * Records an attempt for `account` from `address`, or returns null when either has reached its limit of
 * failures within the window (nothing is recorded then).
 */
export async function beginAttempt(database: Db, account: string, address: string, limits: TThrottleLimits): Promise<TAttempt | null> {
  return database.$transaction(async (tx) => {
    // Per account only: the address count ignores attempts in flight, so it needs no lock (parallel
    // failures from one address can overshoot its limit by their number; each account's limit holds).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`login:account:${account}`}, 0))`;
    const [counts] = await tx.$queryRaw<{ by_account: bigint; by_address: bigint }[]>`
      SELECT count(*) FILTER (WHERE account = ${account}) AS by_account,
             count(*) FILTER (WHERE address = ${address} AND NOT pending) AS by_address
        FROM login_failures
       WHERE at > now() - make_interval(mins => ${limits.windowMinutes}::int)
         AND (account = ${account} OR address = ${address})`;
    if (Number(counts!.by_account) >= limits.perAccount || Number(counts!.by_address) >= limits.perAddress) return null;
    const row = await tx.loginFailure.create({ data: { account, address }, select: { id: true } });
    return { id: row.id, priorAccountFailures: Number(counts!.by_account) };
  });
}

/** The password was wrong (or the account is off): the attempt counts as a failure from now on. */
export async function attemptFailed(database: Db, attemptId: bigint): Promise<void> {
  await database.loginFailure.updateMany({ where: { id: attemptId }, data: { pending: false } });
}

/** The password was right: the attempt does not count, and the account's earlier failures are forgiven. */
export async function attemptSucceeded(database: Db, attemptId: bigint, account: string): Promise<void> {
  await database.loginFailure.deleteMany({ where: { OR: [{ id: attemptId }, { account }] } });
}

/** Rows far outside any window are of no use; cleared now and then by a failing attempt. */
export async function pruneOldFailures(database: Db, olderThanMinutes: number): Promise<void> {
  await database.$executeRaw`DELETE FROM login_failures WHERE at < now() - make_interval(mins => ${olderThanMinutes}::int)`;
}
