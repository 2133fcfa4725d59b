// The app Playwright tests: a production build (`npm start`) on a fresh, migrated and seeded
// database (embedded unless DATABASE_URL is set). Started by playwright.config.ts.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import pg from "pg";
import { createDb } from "../lib/db/client";
import { startEmbedded, type EmbeddedDb } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { seedDemo } from "../lib/db/seed/demo";
import { seedVisits } from "../lib/db/seed/visits";
import { productionAppEnv } from "../scripts/support/production-env";
import { e2eServerInfoFile } from "./server-info";

const port = process.env.E2E_PORT ?? "3100";
const name = `backline_e2e_${Date.now()}`;
let cluster: EmbeddedDb | undefined;
let url: string;
let serverUrl: string;

if (process.env.DATABASE_URL) {
  serverUrl = process.env.DATABASE_URL;
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  url = u.toString();
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
} else {
  cluster = await startEmbedded({ name: "e2e" });
  serverUrl = cluster.adminUrl;
  await cluster.createDatabase(name);
  url = cluster.urlFor(name);
}
// The app's secret, known here first: it also seals the demo admin's two-step key (lib/db/seed/demo.ts).
const appSecret = process.env.E2E_AUTH_SECRET || randomBytes(32).toString("base64url");
await migrate(url);
const prisma = createDb(url, 1);
await seedDemo(prisma, console.log, { appSecret });
await prisma.$disconnect();
// A queue with more than one page (about 40% of these are waiting for review), deterministic.
await seedVisits(url, { visits: 90, patients: 30, seed: 3, log: console.log });

// Specs that check the database directly (row counts, a second app instance) read its URL here.
const infoFile = e2eServerInfoFile(port);
mkdirSync(".data/e2e", { recursive: true });
// A new database: the demo admin's shared session and used two-step codes of an earlier run mean nothing (two-step-codes.ts).
for (const file of [`.data/e2e/admin-session-${port}.json`, `.data/e2e/totp-steps-${port}.json`]) rmSync(file, { force: true });
writeFileSync(infoFile, JSON.stringify({ databaseUrl: url }), { mode: 0o600 });

if (!existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
  console.error("No production build found: run `npm run build` first (npm test does).");
  process.exit(1);
}

// The server's output goes to the console and to a file, which specs read: error ids must appear in
// the log, and patient data must not (e2e/server-log.ts).
mkdirSync(".data/e2e", { recursive: true });
const log = createWriteStream(`.data/e2e/server-${port}.log`, { flags: "w" });
// As `npm start` runs it: scripts/start.mjs, one worker per CPU core sharing the port.
const next = spawn(process.execPath, ["scripts/start.mjs", "-p", port], {
  stdio: ["inherit", "pipe", "pipe"],
  // playwright.config.ts shares the secret with the specs, which forge aged session tokens with it.
  env: productionAppEnv({ databaseUrl: url, publicUrl: `http://localhost:${port}`, secret: appSecret }),
});

next.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  log.write(chunk);
});
next.stderr.on("data", (chunk: Buffer) => {
  process.stderr.write(chunk);
  log.write(chunk);
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill("SIGTERM");
  rmSync(infoFile, { force: true });
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect().then(() => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => {});
  await client.end().catch(() => {});
  await cluster?.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
next.on("exit", () => void shutdown());
