import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createScratchDatabase } from "@/lib/testing/scratch-db";
import { migrate, MigrationError, readMigrations } from "./migrate";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function scratch() {
  const db = await createScratchDatabase("mig");
  cleanups.push(db.drop);
  return db.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "backline-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("migration runner", () => {
  it("applies the project's migrations once and records them like Prisma does", async () => {
    const url = await scratch();
    const first = await migrate(url);
    const names = (await readMigrations()).map((m) => m.name);
    expect(first.applied).toEqual(names);
    expect(first.ruleset).toMatchObject({ reevaluated: 0, recalls: 0, alreadyApplied: false });
    const second = await migrate(url);
    expect(second).toEqual({ applied: [], alreadyApplied: names, ruleset: expect.objectContaining({ reevaluated: 0, alreadyApplied: true }) });
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const r of rows) {
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.applied_steps_count).toBe(1);
    }
  });

  it("lets only one of two concurrent runs apply each migration", async () => {
    const url = await scratch();
    // pg_sleep makes the first run hold the lock long enough for the second to queue behind it.
    const dir = await migrationsDir({
      "20200101000000_slow": "SELECT pg_sleep(0.5); CREATE TABLE once_only (id int);",
      "20200101000001_more": "INSERT INTO once_only VALUES (1);",
    });
    const [a, b] = await Promise.all([migrate(url, { dir }), migrate(url, { dir })]);
    expect([...a.applied, ...b.applied].sort()).toEqual(["20200101000000_slow", "20200101000001_more"]);
    expect(a.applied.length === 0 || b.applied.length === 0).toBe(true);
    expect(await query(url, "SELECT count(*)::int AS n FROM once_only")).toEqual([{ n: 1 }]);
    expect(await query(url, 'SELECT count(*)::int AS n FROM "_prisma_migrations"')).toEqual([{ n: 2 }]);
  });

  it("rolls a failing migration back completely and records nothing for it", async () => {
    const url = await scratch();
    const dir = await migrationsDir({
      "20200101000000_good": "CREATE TABLE kept (id int);",
      "20200101000001_bad": "CREATE TABLE half_done (id int); INSERT INTO kept VALUES (1); SELECT no_such_function();",
    });
    const failure = await migrate(url, { dir }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).migration).toBe("20200101000001_bad");
    const tables = await query<{ table_name: string }>(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual(["_prisma_migrations", "kept"]);
    expect(await query(url, "SELECT count(*)::int AS n FROM kept")).toEqual([{ n: 0 }]);
    expect(await query(url, 'SELECT migration_name FROM "_prisma_migrations"')).toEqual([
      { migration_name: "20200101000000_good" },
    ]);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const url = await scratch();
    const dir = await migrationsDir({ "20200101000000_a": "CREATE TABLE a (id int);" });
    await migrate(url, { dir });
    await writeFile(path.join(dir, "20200101000000_a", "migration.sql"), "CREATE TABLE a (id bigint);");
    await expect(migrate(url, { dir })).rejects.toThrow(/changed after it was applied/);
  });
});
