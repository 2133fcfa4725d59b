// Sign-in throttling, kept in PostgreSQL so that every app instance behind a load balancer counts the same
// failures.
//
// An attempt is recorded *before* its password is checked, as pending, and its row removed when the password
// turns out right: successful sign-ins never count once done. Four limits, all within the window:
//  - per account: after `perAccount` failures (pending attempts count too, under a per-account advisory lock, so
//    parallel guesses cannot all slip under it) the account pauses, progressively: 30 s after the last failure,
//    doubling with each failure after that, never longer than the window. Not a hard lock-out: the right password
//    gets in once the pause is over, and the account's own browsers (a device cookie, device-cookie.ts) are not
//    paused at all;
//  - per device (a device cookie): `perAccount` failures and the cookie no longer exempts;
//  - per client address: `perAddress` failures (in-flight attempts do not count: many people signing in at once
//    behind one clinic NAT never throttle each other);
//  - everywhere (`global`): a password spray from many addresses; beyond it only device-cookie browsers may try.
// A refused (throttled) attempt is not recorded, so a pause lifts as the oldest failures leave the window,
// whatever an attacker keeps sending.
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { TEnv } from "@/lib/env";

export interface TThrottleLimits {
  perAccount: number;
  perAddress: number;
  /** failures everywhere within the window; omitted: no global limit */
  global?: number;
  windowMinutes: number;
}

/** The limits as configured (BACKLINE_LOGIN_*): for sign-in itself and for the admins' view of pauses. */
export function signInLimits(config: TEnv): Required<TThrottleLimits> {
  return {
    perAccount: config.BACKLINE_LOGIN_MAX_FAILURES_PER_ACCOUNT,
    perAddress: config.BACKLINE_LOGIN_MAX_FAILURES_PER_ADDRESS,
    global: config.BACKLINE_LOGIN_MAX_FAILURES_GLOBAL,
    windowMinutes: config.BACKLINE_LOGIN_WINDOW_MINUTES,
  };
}

/** The first pause of an account at its limit; each further failure doubles it, up to the window. */
export const FIRST_PAUSE_SECONDS = 30;

/** How long an account with `failures` recent failures pauses after its last one (0: not paused). */
export function accountPauseSeconds(failures: number, limits: TThrottleLimits): number {
  if (failures < limits.perAccount) return 0;
  return Math.min(limits.windowMinutes * 60, FIRST_PAUSE_SECONDS * 2 ** Math.min(20, failures - limits.perAccount));
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

export type TBegin = { ok: true; attempt: TAttempt } | { ok: false; retryAfterSeconds: number; limit: "account" | "address" | "global" };

/**
 * Records an attempt for `account` from `address` (and `device`, the hash of a valid device cookie for this
 * account), or refuses it, recording nothing, while a limit holds.
 */
export async function beginAttempt(database: Db, account: string, address: string, limits: TThrottleLimits, device: string | null = null): Promise<TBegin> {
  return database.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`login:account:${account}`}, 0))`;
    const [c] = await tx.$queryRaw<{ by_account: bigint; last_account: Date | null; by_address: bigint; everywhere: bigint; by_device: bigint; oldest_address: Date | null; oldest_everywhere: Date | null; now: Date }[]>`
      SELECT count(*) FILTER (WHERE account = ${account}) AS by_account,
             max(at) FILTER (WHERE account = ${account}) AS last_account,
             count(*) FILTER (WHERE address = ${address} AND NOT pending) AS by_address,
             min(at) FILTER (WHERE address = ${address} AND NOT pending) AS oldest_address,
             count(*) FILTER (WHERE NOT pending) AS everywhere,
             min(at) FILTER (WHERE NOT pending) AS oldest_everywhere,
             count(*) FILTER (WHERE device = ${device} AND NOT pending) AS by_device,
             now() AS now
        FROM login_failures
       WHERE at > now() - make_interval(mins => ${limits.windowMinutes}::int)`;
    const counts = c!;
    const windowSeconds = limits.windowMinutes * 60;
    const until = (oldest: Date | null) => (oldest ? Math.max(1, Math.ceil((oldest.getTime() + windowSeconds * 1000 - counts.now.getTime()) / 1000)) : windowSeconds);
    const trustedDevice = device !== null && Number(counts.by_device) < limits.perAccount;
    if (!trustedDevice) {
      const pause = accountPauseSeconds(Number(counts.by_account), limits);
      const pausedFor = pause && counts.last_account ? Math.ceil((counts.last_account.getTime() + pause * 1000 - counts.now.getTime()) / 1000) : 0;
      if (pausedFor > 0) return { ok: false, retryAfterSeconds: pausedFor, limit: "account" } as const;
      if (Number(counts.by_address) >= limits.perAddress) return { ok: false, retryAfterSeconds: until(counts.oldest_address), limit: "address" } as const;
      if (limits.global !== undefined && Number(counts.everywhere) >= limits.global) {
        return { ok: false, retryAfterSeconds: until(counts.oldest_everywhere), limit: "global" } as const;
      }
    }
    const row = await tx.loginFailure.create({ data: { account, address, device }, select: { id: true } });
    return { ok: true, attempt: { id: row.id, priorAccountFailures: Number(counts.by_account) } } as const;
  });
}

/** The password was wrong (or the account is off): the attempt counts as a failure from now on. */
export async function attemptFailed(database: Db, attemptId: bigint): Promise<void> {
  await database.loginFailure.updateMany({ where: { id: attemptId }, data: { pending: false } });
}

/** The password was right but the code is still to come: the attempt counts neither way. */
export async function attemptAbandoned(database: Db, attemptId: bigint): Promise<void> {
  await database.loginFailure.deleteMany({ where: { id: attemptId } });
}

/** The password was right: the attempt does not count, and the account's earlier failures are forgiven. */
export async function attemptSucceeded(database: Db, attemptId: bigint, account: string): Promise<void> {
  await database.loginFailure.deleteMany({ where: { OR: [{ id: attemptId }, { account }] } });
}

/** Rows far outside any window are of no use; cleared now and then by a failing attempt. */
export async function pruneOldFailures(database: Db, olderThanMinutes: number): Promise<void> {
  await database.$executeRaw`DELETE FROM login_failures WHERE at < now() - make_interval(mins => ${olderThanMinutes}::int)`;
}
