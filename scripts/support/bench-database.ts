// The benchmarks' database: N synthetic visits (lib/db/seed/visits.ts, generated intakes run through the engine)
// in the embedded "bench" cluster under .data/, seeded once and reused by later runs (bench:queue and
// bench:exports share it), or the server named by DATABASE_URL.
import pg from "pg";
import { createDb } from "../../lib/db/client";
import { startEmbedded } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { seedDemo } from "../../lib/db/seed/demo";
import { seedVisits } from "../../lib/db/seed/visits";

/** Bump when lib/db/seed/visits.ts (or its generator, generate.ts) changes what it generates: older benchmark databases are then dropped. */
const SEED_VERSION = 5;

export interface TBenchDatabase {
  url: string;
  where: string;
  stop(): Promise<void>;
}

/**
 * The benchmark database of `visits` visits as it is, neither migrated nor seeded (ruleset:impact reads it before
 * an upgrade); fails when it was never created.
 */
export async function openBenchDatabaseReadOnly(visits: number, log: (line: string) => void): Promise<TBenchDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, where: "DATABASE_URL", stop: async () => {} };
  const cluster = await startEmbedded({ name: "bench", log });
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC",
      [`backline\\_bench\\_${visits}\\_v%`],
    );
    const name = rows[0]?.datname;
    if (!name) {
      await cluster.stop();
      throw new Error(`no benchmark database of ${visits} visits yet: run npm run bench:queue first (it creates one)`);
    }
    return { url: cluster.urlFor(name), where: `embedded, ${cluster.dataDir}, database ${name}`, stop: () => cluster.stop() };
  } finally {
    await admin.end();
  }
}

export async function openBenchDatabase(visits: number, log: (line: string) => void): Promise<TBenchDatabase> {
  let url: string;
  let where: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
    url = process.env.DATABASE_URL;
    where = "DATABASE_URL";
  } else {
    const cluster = await startEmbedded({ name: "bench", log });
    const name = `backline_bench_${visits}_v${SEED_VERSION}`;
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    try {
      const others = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'backline\\_bench%' AND datname <> $1",
        [name],
      );
      for (const { datname } of others.rows) {
        log(`dropping the outdated benchmark database ${datname}`);
        await admin.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
      }
      const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
      if (!exists) await cluster.createDatabase(name);
    } finally {
      await admin.end();
    }
    url = cluster.urlFor(name);
    where = `embedded, ${cluster.dataDir}, database ${name}`;
    stop = () => cluster.stop();
  }
  await migrate(url);
  const prisma = createDb(url, 1);
  try {
    await seedDemo(prisma);
    const have = await prisma.visit.count();
    if (have < visits) {
      log(`seeding ${visits - have} visits through the engine (once; later runs reuse them)...`);
      const started = performance.now();
      await seedVisits(url, { visits: visits - have, log });
      log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await prisma.$disconnect();
  }
  return { url, where, stop };
}
