// The Prisma client over node-postgres. One pool per server process (kept on globalThis so
// Next's dev hot-reload does not open a new pool on every edit).
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient } from "./generated/client";

export type Db = InstanceType<typeof PrismaClient>;

export function createDb(databaseUrl: string, poolSize = 10): Db {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: poolSize,
    // Fail fast when PostgreSQL is down: callers answer 503 instead of hanging.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
  });
  return new PrismaClient({ adapter });
}

const holder = globalThis as unknown as { backlineDb?: Db };

export function db(): Db {
  if (!holder.backlineDb) {
    const { DATABASE_URL, BACKLINE_DB_POOL_SIZE } = env();
    holder.backlineDb = createDb(DATABASE_URL, BACKLINE_DB_POOL_SIZE);
  }
  return holder.backlineDb;
}
