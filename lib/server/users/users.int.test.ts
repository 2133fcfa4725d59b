import { beforeAll, describe, expect, it } from "vitest";
import { rejection } from "@/lib/testing/rejection";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { demoUsers } from "@/lib/testing/users";
import { createUser } from "./create-user";
import { getUser } from "./get-user";
import { listUsers } from "./list-users";
import { resetPassword } from "./reset-password";
import { updateUser } from "./update-user";
import { checkCredentials } from "@/lib/auth/credentials";
import { listSignInPauses } from "./sign-in-pauses";

let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

let counter = 0;
const email = () => `user-${Date.now()}-${++counter}@example.org`;
const GOOD_PASSWORD = "correct horse battery staple";

async function newUser(role: "STAFF" | "CLINICIAN" | "ADMIN" = "STAFF") {
  return createUser(users.admin, { name: "New Person", email: email(), role, password: GOOD_PASSWORD });
}

const epochOf = async (id: string) => (await db().user.findUniqueOrThrow({ where: { id }, select: { sessionEpoch: true } })).sessionEpoch;
const auditsOf = (entityId: string) =>
  db().auditEvent.findMany({ where: { entityId, entityType: "User" }, orderBy: { id: "asc" }, select: { action: true, actorId: true, details: true } });

describe("user administration", () => {
  it("creates an account with a hashed password, audited with the role only", async () => {
    const created = await newUser("CLINICIAN");
    expect(created).toMatchObject({ role: "CLINICIAN", active: true, name: "New Person" });
    expect(Object.keys(created)).not.toContain("passwordHash");
    const stored = await db().user.findUniqueOrThrow({ where: { id: created.id }, select: { passwordHash: true } });
    expect(stored.passwordHash).not.toContain(GOOD_PASSWORD);
    expect(await verifyPassword(GOOD_PASSWORD, stored.passwordHash)).toBe(true);
    expect(await auditsOf(created.id)).toEqual([{ action: "user.create", actorId: users.admin.id, details: { role: "CLINICIAN" } }]);
    expect((await listUsers(users.admin)).map((u) => u.id)).toContain(created.id);
    expect((await getUser(users.admin, created.id)).email).toBe(created.email);
  });

  it("refuses a second account with the same email (any case) with a 409 naming the field", async () => {
    const created = await newUser();
    const before = await db().user.count();
    const err = await rejection(createUser(users.admin, { name: "Copy", email: created.email, role: "STAFF", password: GOOD_PASSWORD }));
    expect(err.status).toBe(409);
    expect(err.fields).toEqual([{ field: "email", message: expect.any(String) }]);
    expect(await db().user.count()).toBe(before);
  });

  it("refuses breached passwords and one made of the email, naming the password field, changing nothing", async () => {
    const before = await db().user.count();
    for (const password of ["password1234", "aaaaaaaaaaaaaaaa", "abcdefghijklmnop"]) {
      const err = await rejection(createUser(users.admin, { name: "Weak", email: email(), role: "STAFF", password }));
      expect(err.status).toBe(400);
      expect(err.fields?.map((f) => f.field)).toEqual(["password"]);
    }
    const address = email();
    expect((await rejection(createUser(users.admin, { name: "Weak", email: address, role: "STAFF", password: address }))).fields?.[0]?.field).toBe("password");
    expect(await db().user.count()).toBe(before);
  });

  it("changes a role and deactivates/reactivates, each audited with what changed; deactivation ends sessions", async () => {
    const u = await newUser();
    const epoch = await epochOf(u.id);
    expect(await updateUser(users.admin, u.id, { role: "CLINICIAN" })).toMatchObject({ role: "CLINICIAN", active: true });
    expect(await epochOf(u.id)).toBe(epoch); // a role change needs no new sign-in: roles are re-read per request
    expect(await updateUser(users.admin, u.id, { active: false })).toMatchObject({ active: false });
    expect(await epochOf(u.id)).toBe(epoch + 1);
    expect(await updateUser(users.admin, u.id, { active: true })).toMatchObject({ active: true });
    expect(await epochOf(u.id)).toBe(epoch + 1); // reactivation does not revive the old sessions
    // Nothing changed: nothing audited.
    await updateUser(users.admin, u.id, { active: true });
    expect((await auditsOf(u.id)).map((a) => [a.action, a.details])).toEqual([
      ["user.create", { role: "STAFF" }],
      ["user.update", { roleFrom: "STAFF", roleTo: "CLINICIAN" }],
      ["user.update", { activeFrom: true, activeTo: false }],
      ["user.update", { activeFrom: false, activeTo: true }],
    ]);
  });

  it("resets a password: the new one works, the old one not, sessions end, audited without the password", async () => {
    const u = await newUser();
    const epoch = await epochOf(u.id);
    const fresh = "a brand new long passphrase";
    await resetPassword(users.admin, u.id, fresh);
    const stored = await db().user.findUniqueOrThrow({ where: { id: u.id }, select: { passwordHash: true } });
    expect(await verifyPassword(fresh, stored.passwordHash)).toBe(true);
    expect(await verifyPassword(GOOD_PASSWORD, stored.passwordHash)).toBe(false);
    expect(await epochOf(u.id)).toBe(epoch + 1);
    const audits = await auditsOf(u.id);
    expect(audits.at(-1)).toEqual({ action: "user.password_reset", actorId: users.admin.id, details: {} });
    expect(JSON.stringify(audits)).not.toContain(fresh);
    expect((await rejection(resetPassword(users.admin, u.id, "short"))).fields?.[0]?.field).toBe("password");
    expect((await rejection(resetPassword(users.admin, "00000000-0000-4000-8000-000000000000", fresh))).status).toBe(404);
  });

  it("stops an admin demoting or deactivating themselves", async () => {
    const admin = await newUser("ADMIN");
    const self: TCurrentUser = { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN" };
    const demote = await rejection(updateUser(self, admin.id, { role: "STAFF" }));
    expect([demote.status, demote.fields?.[0]?.field]).toEqual([409, "role"]);
    const off = await rejection(updateUser(self, admin.id, { active: false }));
    expect([off.status, off.fields?.[0]?.field]).toEqual([409, "active"]);
    expect(await getUser(users.admin, admin.id)).toMatchObject({ role: "ADMIN", active: true });
  });

  it("keeps the last active admin, even when two admins demote each other at the same moment", async () => {
    // Leave exactly two active admins: a and b.
    const a = await newUser("ADMIN");
    const b = await newUser("ADMIN");
    const others = await db().user.findMany({ where: { role: "ADMIN", active: true, id: { notIn: [a.id, b.id] } }, select: { id: true } });
    await db().user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: false } });
    try {
      const asA: TCurrentUser = { id: a.id, email: a.email, name: a.name, role: "ADMIN" };
      const asB: TCurrentUser = { id: b.id, email: b.email, name: b.name, role: "ADMIN" };
      const results = await Promise.allSettled([updateUser(asA, b.id, { active: false }), updateUser(asB, a.id, { role: "STAFF" })]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((failed.reason as AppError).status).toBe(409);
      expect(await db().user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
    } finally {
      await db().user.updateMany({ where: { id: { in: [...others.map((o) => o.id), a.id, b.id] } }, data: { active: true, role: "ADMIN" } });
    }
  });

  it("is for admins only", async () => {
    for (const who of [users.staff, users.doctor]) {
      expect((await rejection(newUserAs(who))).status).toBe(403);
      expect((await rejection(listUsers(who))).status).toBe(403);
      expect((await rejection(updateUser(who, users.staff.id, { role: "ADMIN" }))).status).toBe(403);
      expect((await rejection(resetPassword(who, users.staff.id, GOOD_PASSWORD))).status).toBe(403);
    }
    expect((await db().user.findUniqueOrThrow({ where: { id: users.staff.id }, select: { role: true } })).role).toBe("STAFF");
  });
});

function newUserAs(who: TCurrentUser) {
  return createUser(who, { name: "Nope", email: email(), role: "ADMIN", password: GOOD_PASSWORD });
}

describe("sign-in pauses, for admins", () => {
  it("lists an account paused by failed attempts with when the pause ends, and only to admins", async () => {
    const limits = { perAccount: 5, perAddress: 20, global: 10_000, windowMinutes: 15 };
    const account = await createUser(users.admin, { name: "Paused Person", email: email(), role: "STAFF", password: GOOD_PASSWORD });
    for (let i = 0; i < 5; i++) await checkCredentials(db(), account.email, `wrong-${i}`, { address: "192.0.2.77", limits });
    const pauses = await listSignInPauses(users.admin, limits);
    const row = pauses.accounts.find((a) => a.userId === account.id);
    expect(row).toMatchObject({ name: "Paused Person", email: account.email, failures: 5 });
    expect(Date.parse(row!.pausedUntil!)).toBeGreaterThan(Date.now());
    expect(pauses.everywhere.failures).toBeGreaterThanOrEqual(5);
    for (const who of [users.staff, users.doctor]) expect((await rejection(listSignInPauses(who, limits))).status).toBe(403);
  });
});
