// The system under test of the HTTP benchmarks (npm run load, npm run bench:events): a fresh database in an
// embedded PostgreSQL cluster of their own (.data/<name>-pg), migrated, with the demo users and N patients, and
// the app as `npm start` runs it (scripts/start.mjs and its `next start` workers sharing one port) from the
// existing production build.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createDb } from "../../lib/db/client";
import { freePort, startEmbedded, type EmbeddedDb } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { seedDemo } from "../../lib/db/seed/demo";
import { productionAppEnv } from "./production-env";
import { childPids } from "./proc";

/** The build folder (NEXT_DIST_DIR, or .next); exits when there is no production build in it. */
export function requireProductionBuild(): string {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(`${distDir}/BUILD_ID`)) {
    console.error(`No production build in ${distDir}: run \`npm run build\` first (or set NEXT_DIST_DIR).`);
    process.exit(1);
  }
  return distDir;
}

export interface TRunDatabase {
  cluster: EmbeddedDb;
  name: string;
  url: string;
  /** ids of the synthetic patients */
  patients: string[];
}

/** A new database `backline_<name>_<time>` in the embedded cluster `name`: migrated, demo users, `patients` patients. */
export async function createRunDatabase(options: { name: string; patients: number; log: (line: string) => void }): Promise<TRunDatabase> {
  const cluster = await startEmbedded({ name: options.name, log: options.log });
  const name = `backline_${options.name.replace(/\W/g, "_")}_${Date.now()}`;
  await cluster.createDatabase(name);
  const url = cluster.urlFor(name);
  await migrate(url);
  const seeding = createDb(url, 1);
  try {
    await seedDemo(seeding);
    await seeding.patient.createMany({
      data: Array.from({ length: options.patients }, (_, i) => ({
        mrn: `LOAD-${String(i).padStart(6, "0")}`,
        givenName: "Load",
        familyName: `Patient ${i}`,
        birthDate: new Date(Date.UTC(1940 + (i % 60), i % 12, 1 + (i % 28))),
        sex: (["female", "male", "other", "unknown"] as const)[i % 4]!,
      })),
    });
    const patients = (await seeding.patient.findMany({ where: { mrn: { startsWith: "LOAD-" } }, select: { id: true } })).map((p) => p.id);
    return { cluster, name, url, patients };
  } finally {
    await seeding.$disconnect();
  }
}

export interface TApp {
  process: ChildProcess;
  port: number;
  base: string;
  /** every line the start script and its workers printed */
  log: string[];
  /** Resolves when `workers` workers have logged Ready and /api/health answers; throws if the app exits or stalls. */
  ready(workers: number): Promise<void>;
  /** pids of the live workers (the start script's children) */
  workerPids(): number[];
  /** SIGTERM the start script (it stops its workers) and wait up to `timeoutMs` for it to exit; true if it did. */
  stop(timeoutMs?: number): Promise<boolean>;
}

/** scripts/start.mjs with BACKLINE_WORKERS workers on a free loopback port, as `npm start` runs it in production. */
export async function startApp(options: {
  databaseUrl: string;
  workers: number;
  /** BACKLINE_DB_POOL_SIZE of each worker */
  pool?: string;
  /** node flags for the start script (its workers inherit them) */
  nodeArgs?: string[];
  env?: Record<string, string>;
}): Promise<TApp> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "scripts/start.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...productionAppEnv({ databaseUrl: options.databaseUrl, publicUrl: base, secret: randomBytes(32).toString("base64url") }),
      BACKLINE_WORKERS: String(options.workers),
      ...(options.pool ? { BACKLINE_DB_POOL_SIZE: options.pool } : {}),
      ...options.env,
    },
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) log.push(line);
    });
  }
  return {
    process: child,
    port,
    base,
    log,
    async ready(workers) {
      for (let tries = 0; ; tries++) {
        if (tries > 240 || child.exitCode !== null) throw new Error(`the app did not come up:\n${log.slice(-20).join("\n")}`);
        const up = log.filter((l) => l.includes("Ready in")).length >= workers;
        if (up && (await fetch(`${base}/api/health`).then((r) => r.ok, () => false))) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    workerPids: () => (child.pid ? childPids(child.pid) : []),
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return true;
      const exited = new Promise<boolean>((resolve) => child.once("exit", () => resolve(true)));
      child.kill("SIGTERM");
      return Promise.race([exited, new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs))]);
    },
  };
}

/** The errors the workers logged (JSON lines at level error), counted by message: for a failed run's report. */
export function serverErrors(log: string[]): string {
  const errors = new Map<string, number>();
  for (const l of log) {
    if (!l.includes('"level":"error"')) continue;
    let key = l.slice(0, 200);
    try {
      const e = JSON.parse(l) as { message: string; error?: { name?: string; message?: string } };
      key = `${e.message}: ${e.error?.name ?? ""} ${(e.error?.message ?? "").trim().split("\n").pop()}`;
    } catch {
      // not JSON: the line itself
    }
    errors.set(key, (errors.get(key) ?? 0) + 1);
  }
  return [...errors].map(([k, v]) => `  ${v} x ${k}`).join("\n") || "  none";
}
