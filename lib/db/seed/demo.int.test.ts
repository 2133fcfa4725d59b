import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createDb, type Db } from "../client";
import { DEMO_PATIENTS, DEMO_USERS, isSeeded, seedDemo } from "./demo";

let database: Db;
beforeAll(() => {
  database = createDb(inject("databaseUrl"), 2);
});
afterAll(() => database.$disconnect());

describe("demo seed", () => {
  it("creates the demo users and patients, and a second run changes nothing", async () => {
    await seedDemo(database, () => {}, { appSecret: process.env.NEXTAUTH_SECRET });
    expect(await isSeeded(database)).toBe(true);
    const before = await database.user.findMany({ select: { id: true, email: true, passwordHash: true } });
    await seedDemo(database, () => {}, { appSecret: process.env.NEXTAUTH_SECRET });
    const after = await database.user.findMany({ select: { id: true, email: true, passwordHash: true } });
    expect(after).toEqual(before);
    const emails = new Set(after.map((u) => u.email));
    for (const u of DEMO_USERS) expect(emails.has(u.email)).toBe(true);
    const mrns = await database.patient.findMany({ select: { mrn: true } });
    for (const p of DEMO_PATIENTS) expect(mrns.some((m) => m.mrn === p.mrn)).toBe(true);
    // Passwords are stored as Argon2id hashes, never in the clear.
    for (const u of after) expect(u.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe("audit trail", () => {
  it("is append-only: the database refuses UPDATE, DELETE and TRUNCATE", async () => {
    const event = await database.auditEvent.create({
      data: { action: "test.event", entityType: "Test", entityId: "1" },
      select: { id: true },
    });
    await expect(database.auditEvent.update({ where: { id: event.id }, data: { action: "x" } })).rejects.toThrow(/append-only/);
    await expect(database.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(database.$executeRawUnsafe('TRUNCATE "audit_events"')).rejects.toThrow(/append-only/);
    expect(await database.auditEvent.count({ where: { id: event.id } })).toBe(1);
  });
});
