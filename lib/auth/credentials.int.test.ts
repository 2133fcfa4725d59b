import { env } from "@/lib/env";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { generate } from "otplib";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemo } from "@/lib/db/seed/demo";
import { checkCredentials, type TSignInContext } from "./credentials";
import { hashPassword } from "./password";
import { newDeviceCookieValue, deviceCookieName, verifiedDevice } from "./device-cookie";
import { accountKey, FIRST_PAUSE_SECONDS } from "./throttle";

let database: Db;
let passwordHash: string;
beforeAll(async () => {
  database = createDb(inject("databaseUrl"), 4);
  await seedDemo(database, () => {}, { appSecret: env().AUTH_SECRET });
  passwordHash = await hashPassword(DEMO_PASSWORD);
});
afterAll(() => database.$disconnect());

const LIMITS = { perAccount: 5, perAddress: 20, windowMinutes: 15 };
let addressCounter = 0;
/** A fresh client address per test, so tests do not throttle each other. */
const freshAddress = () => `198.51.100.${++addressCounter}`;
const from = (address: string, limits = LIMITS): TSignInContext => ({ address, limits });

let userCounter = 0;
async function freshUser(): Promise<string> {
  const email = `throttle-${Date.now()}-${++userCounter}@example.org`;
  await database.user.create({ data: { email, name: "Throttle Test", role: "STAFF", passwordHash } });
  return email;
}

describe("checkCredentials", () => {
  it("signs in each demo role with the demo password (and the admin's two-step code), case-insensitively by email", async () => {
    const address = freshAddress();
    for (const [email, role] of [
      ["staff@example.org", "STAFF"],
      ["Doctor@Example.org ", "CLINICIAN"],
      ["admin@example.org", "ADMIN"],
    ] as const) {
      const twoStep = role === "ADMIN" ? { code: await generate({ secret: DEMO_TOTP_SECRET }), appSecret: env().AUTH_SECRET } : undefined;
      const result = await checkCredentials(database, email, DEMO_PASSWORD, { ...from(address), twoStep });
      expect(result.ok).toBe(true);
      const user = (result as unknown as { user: Record<string, unknown> }).user;
      expect(user).toMatchObject({ email: email.trim().toLowerCase(), role, sessionEpoch: 0 });
      expect(Object.keys(user).sort()).toEqual(["email", "id", "name", "role", "sessionEpoch"]); // no hash leaves
    }
  });

  it("audits a successful sign-in", async () => {
    const result = await checkCredentials(database, "staff@example.org", DEMO_PASSWORD, from(freshAddress()));
    if (!result.ok) throw new Error("expected a sign-in");
    const events = await database.auditEvent.findMany({
      where: { actorId: result.user.id, action: "auth.sign_in" },
      select: { entityId: true },
    });
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]!.entityId).toBe(result.user.id);
  });

  it("refuses a wrong password, an unknown email and malformed input alike", async () => {
    const address = freshAddress();
    const invalid = { ok: false, reason: "invalid" };
    expect(await checkCredentials(database, "staff@example.org", "wrong-password", from(address))).toEqual(invalid);
    expect(await checkCredentials(database, "nobody@example.org", DEMO_PASSWORD, from(address))).toEqual(invalid);
    expect(await checkCredentials(database, undefined, DEMO_PASSWORD, from(address))).toEqual(invalid);
    expect(await checkCredentials(database, "staff@example.org", { $ne: "" }, from(address))).toEqual(invalid);
    expect(await checkCredentials(database, "", "", from(address))).toEqual(invalid);
  });

  it("refuses an inactive account even with the right password, and audits the failure without the password", async () => {
    const email = await freshUser();
    await database.user.update({ where: { email }, data: { active: false } });
    expect(await checkCredentials(database, email, DEMO_PASSWORD, from(freshAddress()))).toEqual({ ok: false, reason: "invalid" });
    const user = await database.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    const failed = await database.auditEvent.findMany({ where: { entityId: user.id, action: "auth.sign_in_failed" }, select: { details: true } });
    expect(failed.map((f) => f.details)).toEqual([{ reason: "inactive" }]);
    expect(JSON.stringify(failed)).not.toContain(DEMO_PASSWORD);
  });
});

describe("sign-in throttling", () => {
  it("pauses an account after 5 failures: even the right password is refused, and the pause is audited once", async () => {
    const email = await freshUser();
    const address = freshAddress();
    for (let i = 0; i < 5; i++) expect((await checkCredentials(database, email, `wrong-${i}`, from(address))).ok).toBe(false);
    expect(await checkCredentials(database, email, DEMO_PASSWORD, from(address))).toMatchObject({ ok: false, reason: "throttled" });
    // From another address too: the limit is the account's.
    expect(await checkCredentials(database, email, DEMO_PASSWORD, from(freshAddress()))).toMatchObject({ ok: false, reason: "throttled" });
    const user = await database.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    expect(await database.auditEvent.count({ where: { entityId: user.id, action: "auth.sign_in_failed" } })).toBe(5);
    // The failure that paused the account is audited once; the refused attempts after it are not.
    expect(await database.auditEvent.findMany({ where: { entityId: user.id, action: "auth.sign_in_paused" }, select: { details: true } })).toEqual([
      { details: { failures: 5, windowMinutes: 15 } },
    ]);
    // The account key is a hash: the email typed is not stored.
    const rows = await database.loginFailure.findMany({ where: { account: accountKey(email) }, select: { account: true } });
    expect(rows).toHaveLength(5);
    expect(JSON.stringify(rows)).not.toContain(email);
  });

  it("answers an unknown email exactly as a known one: pause after 5 failures, the same result", async () => {
    const address = freshAddress();
    const unknown = `nobody-${Date.now()}@example.org`;
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await checkCredentials(database, unknown, `guess-${i}`, from(address)));
    expect(results.map((r) => (r.ok ? "ok" : r.reason))).toEqual(["invalid", "invalid", "invalid", "invalid", "invalid", "throttled"]);
  });

  it("pauses a client address after 20 failures across accounts; other addresses are unaffected", async () => {
    const address = freshAddress();
    for (let i = 0; i < 20; i++) {
      expect(await checkCredentials(database, `stuffing-${Date.now()}-${i}@example.org`, "password-guess", from(address))).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await checkCredentials(database, "doctor@example.org", DEMO_PASSWORD, from(address))).toMatchObject({ ok: false, reason: "throttled" });
    expect((await checkCredentials(database, "doctor@example.org", DEMO_PASSWORD, from(freshAddress()))).ok).toBe(true);
  });

  it("never counts successful sign-ins, and a success forgives the account's earlier failures", async () => {
    const address = freshAddress();
    for (let i = 0; i < 21; i++) expect((await checkCredentials(database, "staff@example.org", DEMO_PASSWORD, from(address))).ok).toBe(true);
    const email = await freshUser();
    const other = freshAddress();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await checkCredentials(database, email, "wrong-password", from(other))).ok).toBe(false);
      expect((await checkCredentials(database, email, DEMO_PASSWORD, from(other))).ok).toBe(true);
    }
  });

  it("lets everyone at one address sign in at the same moment: attempts in flight do not count for the address", async () => {
    // As an app instance would: a pool of 10 (BACKLINE_DB_POOL_SIZE's default).
    const instance = createDb(inject("databaseUrl"), 10);
    try {
      const address = freshAddress();
      const emails = await Promise.all(Array.from({ length: 25 }, () => freshUser()));
      const results = await Promise.all(emails.map((email) => checkCredentials(instance, email, DEMO_PASSWORD, from(address))));
      expect(results.filter((r) => r.ok)).toHaveLength(25);
      expect(await database.loginFailure.count({ where: { address } })).toBe(0);
    } finally {
      await instance.$disconnect();
    }
  });

  it("holds across app instances: failures through two separate connection pools add up", async () => {
    const secondInstance = createDb(inject("databaseUrl"), 2);
    try {
      const email = await freshUser();
      const address = freshAddress();
      for (let i = 0; i < 5; i++) {
        const instance = i % 2 === 0 ? database : secondInstance;
        expect((await checkCredentials(instance, email, "wrong-password", from(address))).ok).toBe(false);
      }
      expect(await checkCredentials(secondInstance, email, DEMO_PASSWORD, from(address))).toMatchObject({ ok: false, reason: "throttled" });
      expect(await checkCredentials(database, email, DEMO_PASSWORD, from(address))).toMatchObject({ ok: false, reason: "throttled" });
    } finally {
      await secondInstance.$disconnect();
    }
  });

  it("lets exactly the limit through when guesses arrive all at once", async () => {
    const email = await freshUser();
    const address = freshAddress();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => checkCredentials(database, email, `parallel-${i}`, from(address))));
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(7);
  });

  it("forgets failures older than the window, and takes its limits from the caller (env)", async () => {
    const email = await freshUser();
    const address = freshAddress();
    // Three failures from 20 minutes ago, as a clock would have left them.
    await database.$executeRaw`INSERT INTO login_failures (at, account, address, pending)
      SELECT now() - interval '20 minutes', ${accountKey(email)}, ${address}, false FROM generate_series(1, 3)`;
    const tight = { perAccount: 2, perAddress: 100, windowMinutes: 15 };
    expect(await checkCredentials(database, email, "wrong-password", from(address, tight))).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(database, email, "wrong-password", from(address, tight))).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(database, email, DEMO_PASSWORD, from(address, tight))).toMatchObject({ ok: false, reason: "throttled" });
    // A 30-minute window sees the old ones too.
    const wide = { perAccount: 5, perAddress: 100, windowMinutes: 30 };
    expect(await checkCredentials(database, email, DEMO_PASSWORD, from(address, wide))).toMatchObject({ ok: false, reason: "throttled" });
  });
});

describe("sign-in throttling that nobody can use to lock an account out (security round 2)", () => {
  const SECRET = "device-cookie-test-secret-0123456789abcdef";
  /** The browser of someone who signed in to `email` before: its cookie header. */
  const knownBrowser = (email: string) => `${deviceCookieName(accountKey(email), false)}=${newDeviceCookieValue(SECRET, accountKey(email))}`;
  const withCookie = (address: string, cookie: string | null, limits = LIMITS): TSignInContext => ({
    address,
    limits,
    device: (account) => verifiedDevice(SECRET, account, cookie ?? undefined, false),
  });
  const failuresAgo = (email: string, address: string, n: number, seconds: number) => database.$executeRaw`
    INSERT INTO login_failures (at, account, address, pending)
    SELECT now() - make_interval(secs => ${seconds}::int), ${accountKey(email)}, ${address}, false FROM generate_series(1, ${n}::int)`;

  it("a browser that signed in before gets in with the right password while someone else's guesses pause the account", async () => {
    const email = await freshUser();
    const attacker = freshAddress();
    for (let i = 0; i < 5; i++) expect((await checkCredentials(database, email, `guess-${i}`, from(attacker))).ok).toBe(false);
    // Without the cookie: paused, from any address.
    expect(await checkCredentials(database, email, DEMO_PASSWORD, withCookie(freshAddress(), null))).toMatchObject({ reason: "throttled" });
    // A forged cookie, or one for another account, counts as none.
    expect(await checkCredentials(database, email, DEMO_PASSWORD, withCookie(freshAddress(), `${deviceCookieName(accountKey(email), false)}=${"0".repeat(36)}.${"A".repeat(43)}`))).toMatchObject({ reason: "throttled" });
    const otherAccountsCookie = knownBrowser(await freshUser()).replace(/^[^=]+/, deviceCookieName(accountKey(email), false));
    expect(await checkCredentials(database, email, DEMO_PASSWORD, withCookie(freshAddress(), otherAccountsCookie))).toMatchObject({ reason: "throttled" });
    // The account's own browser: in.
    expect((await checkCredentials(database, email, DEMO_PASSWORD, withCookie(freshAddress(), knownBrowser(email)))).ok).toBe(true);
  });

  it("pauses progressively, not for a fixed 15 minutes: after the pause the right password gets in", async () => {
    const email = await freshUser();
    const address = freshAddress();
    // Five failures, the last one longer ago than the first pause: the right password gets in.
    await failuresAgo(email, address, 5, FIRST_PAUSE_SECONDS + 5);
    expect((await checkCredentials(database, email, DEMO_PASSWORD, from(address))).ok).toBe(true);
    // Seven failures 40 s ago: the pause is now 30 s × 2² = 2 minutes, and it tells when to try again.
    const next = await freshUser();
    await failuresAgo(next, address, 7, 40);
    const paused = await checkCredentials(database, next, DEMO_PASSWORD, from(address));
    expect(paused).toMatchObject({ ok: false, reason: "throttled" });
    expect((paused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(70);
    expect((paused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(80);
  });

  it("a device that guesses wrong too often itself loses its exemption", async () => {
    const email = await freshUser();
    const cookie = knownBrowser(email);
    for (let i = 0; i < 5; i++) expect((await checkCredentials(database, email, `wrong-${i}`, withCookie(freshAddress(), cookie))).ok).toBe(false);
    expect(await checkCredentials(database, email, DEMO_PASSWORD, withCookie(freshAddress(), cookie))).toMatchObject({ reason: "throttled" });
  });

  it("a password spray from many addresses hits the global limit: unknown browsers pause, known ones get in", async () => {
    const global = (await database.loginFailure.count({ where: { pending: false, at: { gt: new Date(Date.now() - 15 * 60_000) } } })) + 6;
    const limits = { ...LIMITS, global };
    for (let i = 0; i < 6; i++) {
      expect(await checkCredentials(database, `spray-${Date.now()}-${i}@example.org`, "Winter2026!", withCookie(freshAddress(), null, limits))).toEqual({ ok: false, reason: "invalid" });
    }
    const email = await freshUser();
    expect(await checkCredentials(database, email, DEMO_PASSWORD, withCookie(freshAddress(), null, limits))).toMatchObject({ reason: "throttled" });
    expect((await checkCredentials(database, email, DEMO_PASSWORD, withCookie(freshAddress(), knownBrowser(email), limits))).ok).toBe(true);
  });
});

describe("password hashing off the event loop (Argon2id, native)", () => {
  it("hashes new passwords with Argon2id, and rehashes a bcrypt hash at the next successful sign-in", async () => {
    expect(await hashPassword("any passphrase at all")).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const bcrypt = (await import("bcryptjs")).default;
    const email = `legacy-${Date.now()}@example.org`;
    await database.user.create({ data: { email, name: "Legacy Hash", role: "STAFF", passwordHash: await bcrypt.hash(DEMO_PASSWORD, 10) } });
    // A wrong password changes nothing.
    expect((await checkCredentials(database, email, "not the password", from(freshAddress()))).ok).toBe(false);
    expect((await database.user.findUniqueOrThrow({ where: { email } })).passwordHash).toMatch(/^\$2[ab]\$/);
    expect((await checkCredentials(database, email, DEMO_PASSWORD, from(freshAddress()))).ok).toBe(true);
    const rehashed = (await database.user.findUniqueOrThrow({ where: { email } })).passwordHash;
    expect(rehashed).toMatch(/^\$argon2id\$/);
    expect((await checkCredentials(database, email, DEMO_PASSWORD, from(freshAddress()))).ok).toBe(true);
    expect((await database.user.findUniqueOrThrow({ where: { email } })).passwordHash).toBe(rehashed);
  });
});
