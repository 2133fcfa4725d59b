// The database: one node-postgres pool per server process, shared by the Prisma client (most queries)
// and by the few hot-path statements written in SQL (lib/db/sql.ts). Kept on globalThis so Next's dev
// hot-reload does not open a new pool on every edit.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/env";
import { PrismaClient } from "./generated/client";

export type Db = InstanceType<typeof PrismaClient>;

// On the client object under a registered symbol, not in a module-level map: Next bundles this module
// more than once (pages, route handlers), and db() hands all of them one client from globalThis.
const POOL = Symbol.for("backline.pgPool");
type TWithPool = Db & { [POOL]?: pg.Pool };

export function createDb(databaseUrl: string, poolSize = 10): Db {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    // Fail fast when PostgreSQL is down: callers answer 503 instead of hanging.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
  });
  // An idle connection dropped by the server (e.g. PostgreSQL restarting) must not crash the process;
  // the pool discards it and the next query opens a new one.
  pool.on("error", () => {});
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  (client as TWithPool)[POOL] = pool;
  return client;
}

/** The pg pool under a client made by createDb (closed by its $disconnect). */
export function poolOf(database: Db): pg.Pool {
  const pool = (database as TWithPool)[POOL];
  if (!pool) throw new Error("poolOf: this client was not made by createDb");
  return pool;
}

const holder = globalThis as unknown as { backlineDb?: Db };

export function db(): Db {
  if (!holder.backlineDb) {
    const { DATABASE_URL, BACKLINE_DB_POOL_SIZE } = env();
    holder.backlineDb = createDb(DATABASE_URL, BACKLINE_DB_POOL_SIZE);
  }
  return holder.backlineDb;
}

/** The process's pg pool, for the statements in lib/db/sql.ts. */
export function pool(): pg.Pool {
  return poolOf(db());
}
