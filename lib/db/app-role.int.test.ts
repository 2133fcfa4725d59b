// The audit trail is append-only for the app itself, not only by convention: run as the
// least-privilege role of scripts/sql/app-role.sql, the app can do its work (sign-ins, audit rows)
// but cannot change, delete or truncate audit events, nor switch the guarding triggers off.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { createDb, type Db } from "./client";
import { DEMO_PASSWORD, seedDemo } from "./seed/demo";

const role = `backline_app_${randomBytes(4).toString("hex")}`;
const password = randomBytes(12).toString("hex");
let owner: pg.Client;
let app: pg.Client;
let appDb: Db;

beforeAll(async () => {
  const databaseUrl = inject("databaseUrl");
  owner = new pg.Client({ connectionString: databaseUrl });
  await owner.connect();
  await owner.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  await owner.query(readFileSync("scripts/sql/app-role.sql", "utf8").replaceAll("backline_app", role));
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = password;
  app = new pg.Client({ connectionString: url.toString() });
  await app.connect();
  appDb = createDb(url.toString(), 2);
  const seeding = createDb(databaseUrl, 1);
  await seedDemo(seeding);
  await seeding.$disconnect();
});

afterAll(async () => {
  await appDb?.$disconnect();
  await app?.end();
  // Default privileges and grants must go before the role can be dropped.
  await owner.query(`DROP OWNED BY ${role}`);
  await owner.query(`DROP ROLE ${role}`);
  await owner.end();
});

const refusal = (sql: string) => app.query(sql).then(() => "allowed", (e: { message: string }) => e.message);

describe("the app's own database role", () => {
  it("does the app's work: signs in (throttle rows, audit rows) and reads the trail", async () => {
    const result = await checkCredentials(appDb, "staff@example.org", DEMO_PASSWORD, { address: "203.0.113.7", limits: { perAccount: 5, perAddress: 20, windowMinutes: 15 } });
    expect(result.ok).toBe(true);
    expect(await appDb.auditEvent.count({ where: { action: "auth.sign_in" } })).toBeGreaterThan(0);
  });

  it("cannot update, delete or truncate audit events", async () => {
    const { rows } = await app.query<{ id: string }>(`INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('test.role', 'Test', '1') RETURNING id`);
    const id = rows[0]!.id;
    expect(await refusal(`UPDATE audit_events SET action = 'x' WHERE id = ${id}`)).toMatch(/permission denied/);
    expect(await refusal(`DELETE FROM audit_events WHERE id = ${id}`)).toMatch(/permission denied/);
    expect(await refusal(`TRUNCATE audit_events`)).toMatch(/permission denied/);
    expect((await owner.query(`SELECT action FROM audit_events WHERE id = ${id}`)).rows).toEqual([{ action: "test.role" }]);
  });

  it("cannot switch the append-only triggers off or around", async () => {
    expect(await refusal(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`)).toMatch(/must be owner/);
    expect(await refusal(`DROP TRIGGER audit_events_no_update_delete ON audit_events`)).toMatch(/must be owner/);
    expect(await refusal(`DROP FUNCTION audit_events_append_only() CASCADE`)).toMatch(/must be owner/);
    expect(await refusal(`SET session_replication_role = replica`)).toMatch(/permission denied/);
    expect(await refusal(`CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`)).toMatch(/must be owner|permission denied/);
    expect(await refusal(`ALTER TABLE audit_events OWNER TO ${role}`)).toMatch(/must be owner/);
  });

  it("and the owner, who could, is still stopped by the triggers", async () => {
    const { rows } = await owner.query<{ id: string }>(`INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('test.owner', 'Test', '1') RETURNING id`);
    await expect(owner.query(`UPDATE audit_events SET action = 'x' WHERE id = ${rows[0]!.id}`)).rejects.toThrow(/append-only/);
    await expect(owner.query(`DELETE FROM audit_events WHERE id = ${rows[0]!.id}`)).rejects.toThrow(/append-only/);
  });
});
