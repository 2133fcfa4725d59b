// npm run dev — PostgreSQL (embedded unless DATABASE_URL is set), migrated and seeded on first
// run, then `next dev`. Ctrl-C stops Next and then PostgreSQL cleanly.
import { spawn } from "node:child_process";
import { createDb } from "../lib/db/client";
import { openLocalDatabase } from "../lib/db/local";
import { migrate } from "../lib/db/migrate";
import { isSeeded, seedDemo } from "../lib/db/seed/demo";
import { seedVisits } from "../lib/db/seed/visits";
import { localAppSecret, parseEnv } from "../lib/env";

const log = (line: string) => console.log(`[backline] ${line}`);
const port = process.env.PORT ?? "3000";

const database = await openLocalDatabase(log);
try {
  const result = await migrate(database.url, { log });
  log(`database ready (${result.applied.length} migrations applied now)`);
  const prisma = createDb(database.url, 1);
  if (!(await isSeeded(prisma))) {
    await seedDemo(prisma, log, { appSecret: localAppSecret() });
    // A queue to work on: synthetic visits run through the engine (more with `npm run db:seed -- --visits N`).
    await seedVisits(database.url, { visits: 120, patients: 40, log });
  }
  await prisma.$disconnect();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await database.stop();
  process.exit(1);
}

const childEnv = { ...process.env, DATABASE_URL: database.url, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}` };
// Validates the rest of the configuration and creates the development secret if needed.
const env = parseEnv(childEnv);
childEnv.NEXTAUTH_SECRET = env.AUTH_SECRET;

log(`starting Next.js on http://localhost:${port} (sign in as staff@example.org / backline-demo)`);
const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-p", port], {
  stdio: "inherit",
  env: childEnv,
});

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill("SIGTERM");
  await database.stop();
  log("stopped");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 0));
