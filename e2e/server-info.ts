// Where e2e/server.ts leaves the URL of the database behind the app under test, for specs that
// count rows or start a second app instance on the same database.
import { readFileSync } from "node:fs";

export const e2eServerInfoFile = (port: string) => `.data/e2e/server-${port}.json`;

export function e2eDatabaseUrl(port = process.env.E2E_PORT ?? "3100"): string {
  return (JSON.parse(readFileSync(e2eServerInfoFile(port), "utf8")) as { databaseUrl: string }).databaseUrl;
}
