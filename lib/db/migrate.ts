// Applies prisma/migrations/<timestamp>_<name>/migration.sql in name order, offline.
// Prisma's own `migrate` needs a schema engine binary that cannot be downloaded here, so
// this runner does the same job and keeps a `_prisma_migrations` table in Prisma's format:
// - a session advisory lock, so two runners at once apply each migration only once;
// - one transaction per migration, so a failing migration leaves nothing behind;
// - a sha256 checksum per migration, so an edited, already-applied migration is refused.
// After the SQL, the same lock covers the ruleset upgrade step (lib/db/ruleset-upgrade.ts): stored visits are
// brought to the current rules in one audited transaction.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { upgradeRuleset, type TRulesetUpgradeSummary } from "./ruleset-upgrade";

/** Arbitrary but fixed: every Backline migrator takes the same lock. */
const MIGRATION_LOCK_KEY = 727_210_001;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
  /** what bringing stored visits to the current ruleset did (lib/db/ruleset-upgrade.ts); null for a migrations
   * folder without Backline's tables */
  ruleset: TRulesetUpgradeSummary | null;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export const DEFAULT_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export async function migrate(
  databaseUrl: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(options.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      // Read what ran only after taking the lock: a concurrent runner may just have finished.
      const { rows } = await client.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations"
          WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
      const result: Omit<MigrateResult, "ruleset"> = { applied: [], alreadyApplied: [] };
      for (const m of migrations) {
        const recorded = done.get(m.name);
        if (recorded !== undefined) {
          if (recorded !== m.checksum) {
            throw new MigrationError(
              `Migration ${m.name} was changed after it was applied (checksum differs). ` +
                "Add a new migration instead of editing an applied one.",
              m.name,
            );
          }
          result.alreadyApplied.push(m.name);
          continue;
        }
        await applyOne(client, m);
        log(`applied ${m.name}`);
        result.applied.push(m.name);
      }
      // Then the data the rules decide: open visits re-evaluated, signed ones the new rules rank higher recalled.
      const hasVisits = (await client.query<{ t: string | null }>("SELECT to_regclass('ruleset_upgrades')::text AS t")).rows[0]?.t;
      const ruleset = hasVisits ? await upgradeRuleset(client, log) : null;
      return { ...result, ruleset };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function applyOne(client: pg.Client, m: MigrationFile): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query(m.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), m.checksum, m.name],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    const reason = err instanceof Error ? err.message : String(err);
    throw new MigrationError(`Migration ${m.name} failed and was rolled back: ${reason}`, m.name);
  }
}
