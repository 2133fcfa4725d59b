import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { DEMO_PASSWORD, seedDemo } from "@/lib/db/seed";
import { checkCredentials } from "./credentials";

let database: Db;
beforeAll(async () => {
  database = createDb(inject("databaseUrl"), 2);
  await seedDemo(database);
});
afterAll(() => database.$disconnect());

describe("checkCredentials", () => {
  it("signs in each demo role with the demo password, case-insensitively by email", async () => {
    for (const [email, role] of [
      ["staff@example.org", "STAFF"],
      ["Doctor@Example.org ", "CLINICIAN"],
      ["admin@example.org", "ADMIN"],
    ] as const) {
      const user = await checkCredentials(database, email, DEMO_PASSWORD);
      expect(user).toMatchObject({ email: email.trim().toLowerCase(), role });
      expect(Object.keys(user!).sort()).toEqual(["email", "id", "name", "role"]); // no hash leaves
    }
  });

  it("audits a successful sign-in", async () => {
    const user = await checkCredentials(database, "staff@example.org", DEMO_PASSWORD);
    const events = await database.auditEvent.findMany({
      where: { actorId: user!.id, action: "auth.sign_in" },
      select: { entityId: true },
    });
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]!.entityId).toBe(user!.id);
  });

  it("refuses a wrong password, an unknown email and malformed input alike", async () => {
    expect(await checkCredentials(database, "staff@example.org", "wrong-password")).toBeNull();
    expect(await checkCredentials(database, "nobody@example.org", DEMO_PASSWORD)).toBeNull();
    expect(await checkCredentials(database, undefined, DEMO_PASSWORD)).toBeNull();
    expect(await checkCredentials(database, "staff@example.org", { $ne: "" })).toBeNull();
    expect(await checkCredentials(database, "", "")).toBeNull();
  });

  it("refuses an inactive account even with the right password", async () => {
    await database.user.update({ where: { email: "admin@example.org" }, data: { active: false } });
    try {
      expect(await checkCredentials(database, "admin@example.org", DEMO_PASSWORD)).toBeNull();
    } finally {
      await database.user.update({ where: { email: "admin@example.org" }, data: { active: true } });
    }
  });
});
