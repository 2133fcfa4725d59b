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

export default async function setup(project: TestProject) {
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
