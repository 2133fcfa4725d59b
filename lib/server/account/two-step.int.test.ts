// Two-step sign-in: set-up (password again, a code from the new secret, ten recovery codes), sign-in with a
// code that works once, recovery codes that work once, the admin requirement, and an admin's reset. All audited.
import { env } from "@/lib/env";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "otplib";
import { checkCredentials, type TSignInContext } from "@/lib/auth/credentials";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { sessionAccount } from "@/lib/auth/session-account";
import { db } from "@/lib/db/client";
import { rejection } from "@/lib/testing/rejection";
import { demoUsers } from "@/lib/testing/users";
import { createUser } from "../users/create-user";
import { confirmTwoStep, resetTwoStep, startTwoStep, twoStepStatus } from "./two-step";

let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

const PASSWORD = "quiet meadow lantern glass";
let n = 0;
const appSecret = () => env().AUTH_SECRET;
const context = (code?: string): TSignInContext => ({
  address: `203.0.113.${++n}`,
  limits: { perAccount: 5, perAddress: 50, windowMinutes: 15 },
  twoStep: { code, appSecret: appSecret() },
});

async function account(role: "CLINICIAN" | "ADMIN"): Promise<TCurrentUser> {
  const created = await createUser(users.admin, { name: `Two Step ${++n}`, email: `two-step-${Date.now()}-${n}@example.org`, role, password: PASSWORD });
  return { id: created.id, email: created.email, name: created.name, role };
}

/** A code for the time step `ahead` steps from now (one step ahead is accepted): a code not used yet. */
const codeFor = (secret: string, ahead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + ahead * 30 });

describe("two-step sign-in", () => {
  it("is set up with the password again and a code from the new secret, and gives ten recovery codes once", async () => {
    const me = await account("CLINICIAN");
    expect(await twoStepStatus(me)).toEqual({ enabled: false, enabledAt: null, required: false, recoveryCodesLeft: 0 });
    const wrong = await rejection(startTwoStep(me, "not my password"));
    expect(wrong.status).toBe(400);
    expect(wrong.fields).toEqual([{ field: "password", message: "is not correct" }]);
    const setup = await startTwoStep(me, PASSWORD);
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Backline:/);
    expect(setup.qrSvg).toMatch(/^<svg/);
    // The stored secret is sealed, never the key itself.
    const stored = await db().user.findUniqueOrThrow({ where: { id: me.id }, select: { totpSecret: true, totpEnabledAt: true } });
    expect(stored.totpSecret).not.toContain(setup.secret);
    expect(stored.totpEnabledAt).toBeNull();
    expect((await rejection(confirmTwoStep(me, "123"))).fields).toEqual([{ field: "code", message: "must be 6 digits" }]);
    const { recoveryCodes } = await confirmTwoStep(me, await codeFor(setup.secret));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const rows = await db().recoveryCode.findMany({ where: { userId: me.id }, select: { codeHash: true } });
    expect(rows).toHaveLength(10);
    expect(JSON.stringify(rows)).not.toContain(recoveryCodes[0]!);
    expect(await twoStepStatus(me)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect((await rejection(startTwoStep(me, PASSWORD))).status).toBe(409);
    const audits = await db().auditEvent.findMany({ where: { entityId: me.id, action: { startsWith: "user.two_step" } }, select: { action: true, details: true } });
    expect(audits.map((a) => a.action)).toEqual(["user.two_step_start", "user.two_step_enrol"]);
    expect(JSON.stringify(audits)).not.toContain(setup.secret);
  });

  it("then asks for a code after the password; a code works once, a recovery code works once", async () => {
    const me = await account("CLINICIAN");
    const { secret } = await startTwoStep(me, PASSWORD);
    const { recoveryCodes } = await confirmTwoStep(me, await codeFor(secret));
    expect(await checkCredentials(db(), me.email, PASSWORD, context())).toEqual({ ok: false, reason: "code_required" });
    // A wrong password is still just a wrong password.
    expect(await checkCredentials(db(), me.email, "wrong password", context())).toEqual({ ok: false, reason: "invalid" });
    const next = await codeFor(secret, 1);
    expect((await checkCredentials(db(), me.email, PASSWORD, context(next))).ok).toBe(true);
    expect(await checkCredentials(db(), me.email, PASSWORD, context(next))).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(db(), me.email, PASSWORD, context("000000"))).toEqual({ ok: false, reason: "invalid" });
    const recovery = recoveryCodes[3]!.toUpperCase().replace("-", " ");
    expect((await checkCredentials(db(), me.email, PASSWORD, context(recovery))).ok).toBe(true);
    expect(await checkCredentials(db(), me.email, PASSWORD, context(recoveryCodes[3]))).toEqual({ ok: false, reason: "invalid" });
    expect(await twoStepStatus(me)).toMatchObject({ recoveryCodesLeft: 9 });
    const audits = await db().auditEvent.findMany({ where: { entityId: me.id, action: { startsWith: "auth." } }, orderBy: { id: "asc" }, select: { action: true, details: true } });
    expect(audits.map((a) => [a.action, a.details])).toEqual([
      ["auth.sign_in_failed", { reason: "password" }],
      ["auth.sign_in", { secondStep: "app" }],
      ["auth.sign_in_failed", { reason: "code" }],
      ["auth.sign_in_failed", { reason: "code" }],
      ["auth.sign_in", { secondStep: "recovery" }],
      ["auth.sign_in_failed", { reason: "code" }],
    ]);
  });

  it("is required for admins: until it is set up, the session is for setting it up only", async () => {
    const admin = await account("ADMIN");
    const session = { id: admin.id, epoch: 0, sid: "5e55a0b1-0000-4000-8000-0000000000aa" };
    expect(await sessionAccount(session)).toMatchObject({ id: admin.id, mustSetUpTwoStep: true });
    expect((await sessionAccount({ id: users.doctor.id, epoch: 0, sid: session.sid }))?.mustSetUpTwoStep).toBeUndefined();
    const { secret } = await startTwoStep(admin, PASSWORD);
    await confirmTwoStep(admin, await codeFor(secret));
    expect((await sessionAccount(session))?.mustSetUpTwoStep).toBeUndefined();
  });

  it("an admin resets it (a lost phone): off, recovery codes gone, sessions ended, audited; nobody else may", async () => {
    const me = await account("CLINICIAN");
    const { secret } = await startTwoStep(me, PASSWORD);
    await confirmTwoStep(me, await codeFor(secret));
    for (const who of [users.staff, users.doctor]) expect((await rejection(resetTwoStep(who, me.id))).status).toBe(403);
    await resetTwoStep(users.admin, me.id);
    const row = await db().user.findUniqueOrThrow({ where: { id: me.id }, select: { totpSecret: true, totpEnabledAt: true, sessionEpoch: true } });
    expect(row).toEqual({ totpSecret: null, totpEnabledAt: null, sessionEpoch: 1 });
    expect(await db().recoveryCode.count({ where: { userId: me.id } })).toBe(0);
    expect((await checkCredentials(db(), me.email, PASSWORD, context())).ok).toBe(true);
    expect(await db().auditEvent.findFirst({ where: { entityId: me.id, action: "user.two_step_reset" }, select: { actorId: true } })).toEqual({ actorId: users.admin.id });
    expect((await rejection(resetTwoStep(users.admin, me.id))).status).toBe(409);
  });

  it("staff have no two-step sign-in to set up", async () => {
    expect((await rejection(startTwoStep(users.staff, "whatever"))).status).toBe(403);
  });
});
