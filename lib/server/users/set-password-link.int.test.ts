// One-time set-password links: only the token's SHA-256 is stored, a link works once and only until it expires,
// a newer link replaces an older one, and making and using a link is audited without the token.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db/client";
import { demoUsers } from "@/lib/testing/users";
import { rejection } from "@/lib/testing/rejection";
import { createUser } from "./create-user";
import { checkSetPasswordLink, issueSetPasswordLink, redeemSetPasswordLink, SET_PASSWORD_LINK_HOURS, setPasswordUrl } from "./set-password-link";
import { updateUser } from "./update-user";

let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

let counter = 0;
const email = () => `link-${Date.now()}-${++counter}@example.org`;
const CHOSEN = "amber meadow lantern violin";
const LIMITS = { perAccount: 5, perAddress: 50, windowMinutes: 15 };
const signIn = (address: string, password: string) => checkCredentials(db(), address, password, { address: "192.0.2.99", limits: LIMITS });

async function newAccount() {
  const created = await createUser(users.admin, { name: "Linda Link", email: email(), role: "STAFF" });
  if (!("link" in created)) throw new Error("expected a link");
  return created;
}

describe("set-password links", () => {
  it("a new account without a password gets a 256-bit token, stored only as its SHA-256, valid for 72 hours", async () => {
    const before = Date.now();
    const { user, link } = await newAccount();
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes
    const stored = await db().setPasswordLink.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(createHash("sha256").update(link.token).digest("hex"));
    expect(JSON.stringify(stored, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(link.token);
    const hours = (stored[0]!.expiresAt.getTime() - before) / 3600_000;
    expect(hours).toBeGreaterThan(SET_PASSWORD_LINK_HOURS - 0.01);
    expect(hours).toBeLessThan(SET_PASSWORD_LINK_HOURS + 0.01);
    expect(stored[0]!.usedAt).toBeNull();
    // The URL carries only the token, in the fragment.
    expect(setPasswordUrl(link, "http://localhost:3000/api/v1/admin/users", undefined).setPasswordUrl).toBe(`http://localhost:3000/account/set-password#${link.token}`);
    const audits = await db().auditEvent.findMany({ where: { entityType: "User", entityId: user.id }, orderBy: { id: "asc" }, select: { action: true, actorId: true, details: true } });
    expect(audits).toEqual([
      { action: "user.create", actorId: users.admin.id, details: { role: "STAFF" } },
      { action: "user.password_link", actorId: users.admin.id, details: { hours: 72 } },
    ]);
    // Nobody knows the account's password until the link is used.
    expect((await signIn(user.email, CHOSEN)).ok).toBe(false);
  });

  it("works once: sets the password, ends sessions, is audited as the person; then it is refused everywhere", async () => {
    const { user, link } = await newAccount();
    expect(await checkSetPasswordLink(link.token)).toEqual({ name: "Linda Link", email: user.email, expiresAt: link.expiresAt.toISOString() });
    // A password the policy refuses: a 400 naming the field, and the link still works.
    const weak = await rejection(redeemSetPasswordLink(link.token, "password1234"));
    expect([weak.status, weak.fields?.[0]?.field]).toEqual([400, "password"]);
    const madeOfEmail = await rejection(redeemSetPasswordLink(link.token, user.email));
    expect(madeOfEmail.fields?.[0]?.field).toBe("password");
    const epoch = (await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionEpoch: true } })).sessionEpoch;

    await redeemSetPasswordLink(link.token, CHOSEN);
    expect((await signIn(user.email, CHOSEN)).ok).toBe(true);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionEpoch: true } })).sessionEpoch).toBe(epoch + 1);
    expect((await db().setPasswordLink.findFirstOrThrow({ where: { userId: user.id } })).usedAt).not.toBeNull();
    const used = await db().auditEvent.findFirst({ where: { action: "user.password_set", entityId: user.id }, select: { actorId: true, details: true } });
    expect(used).toEqual({ actorId: user.id, details: {} });

    const again = await rejection(redeemSetPasswordLink(link.token, "another long passphrase here"));
    expect([again.status, again.fields?.[0]?.field]).toEqual([404, "token"]);
    expect((await rejection(checkSetPasswordLink(link.token))).status).toBe(404);
    expect((await signIn(user.email, "another long passphrase here")).ok).toBe(false);
    // No audit row anywhere holds the token.
    const trail = JSON.stringify(await db().auditEvent.findMany({ where: { entityId: user.id }, select: { details: true, entityId: true } }));
    expect(trail).not.toContain(link.token);
  });

  it("two uses racing: exactly one wins", async () => {
    const { link } = await newAccount();
    const results = await Promise.allSettled([redeemSetPasswordLink(link.token, CHOSEN), redeemSetPasswordLink(link.token, `${CHOSEN} two`)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("is refused after it expires, for an unknown token, and for a deactivated account", async () => {
    const { user, link } = await newAccount();
    await db().setPasswordLink.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await rejection(checkSetPasswordLink(link.token))).status).toBe(404);
    expect((await rejection(redeemSetPasswordLink(link.token, CHOSEN))).status).toBe(404);
    expect((await signIn(user.email, CHOSEN)).ok).toBe(false);
    expect((await rejection(checkSetPasswordLink("A".repeat(43)))).status).toBe(404);

    const other = await newAccount();
    await updateUser(users.admin, other.user.id, { active: false });
    expect((await rejection(redeemSetPasswordLink(other.link.token, CHOSEN))).status).toBe(404);
    expect((await rejection(issueSetPasswordLink(users.admin, other.user.id))).status).toBe(409);
  });

  it("a new link for an account replaces the earlier one; only admins make links", async () => {
    const { user, link } = await newAccount();
    const fresh = await issueSetPasswordLink(users.admin, user.id);
    expect(fresh.token).not.toBe(link.token);
    expect((await rejection(checkSetPasswordLink(link.token))).status).toBe(404);
    expect((await checkSetPasswordLink(fresh.token)).email).toBe(user.email);
    for (const who of [users.staff, users.doctor]) expect((await rejection(issueSetPasswordLink(who, user.id))).status).toBe(403);
    expect((await rejection(issueSetPasswordLink(users.admin, "00000000-0000-4000-8000-000000000000"))).status).toBe(404);
  });
});

describe("last sign-in", () => {
  it("is set by a successful sign-in, in the same transaction as its audit row, and not by a failed one", async () => {
    const created = await createUser(users.admin, { name: "Lena Last", email: email(), role: "STAFF", password: CHOSEN });
    const lastOf = async () => (await db().user.findUniqueOrThrow({ where: { id: created.id }, select: { lastSignInAt: true, updatedAt: true } }));
    expect(created.lastSignInAt).toBeNull();
    const before = await lastOf();
    expect((await signIn(created.email, "not the right passphrase")).ok).toBe(false);
    expect((await lastOf()).lastSignInAt).toBeNull();

    expect((await signIn(created.email, CHOSEN)).ok).toBe(true);
    const after = await lastOf();
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: "auth.sign_in", entityId: created.id }, orderBy: { id: "desc" }, select: { at: true } });
    // One instant for both, written in one transaction.
    expect(after.lastSignInAt?.toISOString()).toBe(row.at.toISOString());
    // A sign-in is not a change to the account.
    expect(after.updatedAt.toISOString()).toBe(before.updatedAt.toISOString());
    const { listUsers } = await import("./list-users");
    expect((await listUsers(users.admin)).find((u) => u.id === created.id)?.lastSignInAt).toBe(row.at.toISOString());
  });
});
