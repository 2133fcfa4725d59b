// Which PostgreSQL a command-line script talks to: DATABASE_URL when it is set, otherwise the
// project's embedded development cluster (started here, database "backline").
import { startEmbedded } from "./embedded";

export interface TLocalDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export const DEV_DATABASE = "backline";

export async function openLocalDatabase(log: (line: string) => void = console.log): Promise<TLocalDatabase> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const port = Number(process.env.BACKLINE_PG_PORT ?? 5433);
  const cluster = await startEmbedded({ name: "dev", port, log });
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: cluster.adminUrl });
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DEV_DATABASE]);
  await client.end();
  if (exists.rowCount === 0) await cluster.createDatabase(DEV_DATABASE);
  return { url: cluster.urlFor(DEV_DATABASE), embedded: true, stop: () => cluster.stop() };
}
