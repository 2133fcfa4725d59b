// Benchmark: the review queue at a clinic's scale. Seeds (once, then reuses) a database with 100,000 synthetic
// visits run through the engine, then times representative queue views three ways:
//   api   POST /api/v1/visits/search over HTTP against a production build (auth, zod, Prisma, the read with its audit row)
//   op    the domain operation listQueue() in this process (Prisma, the read with its audit row; no HTTP, no auth)
//   sql   the page and the counts statements on a bare node-postgres connection (the floor; no audit row)
// and prints p50/p95 per view and the api/sql ratio. Targets (issue 20): every view's api p95 <= 2x its sql p95
// and <= 20 ms; the last line says "met" or "NOT met".
//   npm run bench:queue [-- --visits 100000 --runs 200 --no-http]   (run `npm run build` first for the api column)
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import pg from "pg";
import { DEMO_PASSWORD } from "../lib/db/seed/demo";
import { signInCookie } from "../lib/testing/http-session";
import { openBenchDatabase } from "./support/bench-database";
import { startApp, type TApp } from "./support/app-server";
import { queueSearchBody, ZQueueQuery, type TQueueQuery } from "../lib/contracts/queue";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const VISITS = option("visits", 100_000);
const RUNS = option("runs", 200);
const WARMUP = Math.min(30, RUNS);
const TARGET_P95_MS = 20;
const TARGET_RATIO = 2;
const distDir = process.env.NEXT_DIST_DIR || ".next";
const withHttp = !args.includes("--no-http") && existsSync(`${distDir}/BUILD_ID`);

const database = await openBenchDatabase(VISITS, console.log);
const url = database.url;

// The domain operation reads its connection from the environment, like the app.
process.env.DATABASE_URL = url;
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
const { listQueue, queueStatements } = await import("../lib/server/visits/list-queue");
const { db } = await import("../lib/db/client");

const sqlClient = new pg.Client({ connectionString: url });
await sqlClient.connect();
const facts = (await sqlClient.query<{ status: string; n: string }>("SELECT status::text, count(*) AS n FROM visits GROUP BY 1 ORDER BY 1")).rows;
const doctor = (await sqlClient.query<{ id: string; email: string; name: string }>("SELECT id::text, email, name FROM users WHERE email = 'doctor@example.org'")).rows[0]!;
const user = { ...doctor, role: "CLINICIAN" as const };
const sampleMrn = (await sqlClient.query<{ mrn: string }>("SELECT mrn FROM patients WHERE mrn LIKE 'SYN-%' ORDER BY mrn DESC LIMIT 1")).rows[0]?.mrn ?? "SYN";
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

const VIEWS: { name: string; query: Record<string, unknown> }[] = [
  { name: "waiting, default order", query: {} },
  { name: "urgency = emergency", query: { urgency: "emergency" } },
  { name: "red flag RF-CES-01", query: { flag: "RF-CES-01" } },
  { name: "MRI, last 90 days, all", query: { status: "ALL", imaging: "mri", from: daysAgo(90) } },
  { name: "text 'smi', all", query: { status: "ALL", q: "smi" } },
  { name: "text: one MRN, all", query: { status: "ALL", q: sampleMrn } },
  { name: "signed, default order", query: { status: "SIGNED" } },
  { name: "signed, page 200", query: { status: "SIGNED", page: 200 } },
  { name: "all, sorted by patient", query: { status: "ALL", sort: "patient" } },
];

// ---- the app over HTTP -------------------------------------------------------------------------------------
let app: TApp | undefined;
let cookie = "";
let baseUrl = "";
if (withHttp) {
  // As `npm start` runs it (scripts/start.mjs), with one worker: one client at a time.
  app = await startApp({ databaseUrl: url, workers: 1 });
  await app.ready(1);
  baseUrl = app.base;
  cookie = await signInCookie(baseUrl, doctor.email, DEMO_PASSWORD);
}

// ---- timing ------------------------------------------------------------------------------------------------
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: pct(samples, 50), p95: pct(samples, 95) };
}

const results: { view: string; matched: number; api?: { p50: number; p95: number }; op: { p50: number; p95: number }; sql: { p50: number; p95: number } }[] = [];
for (const view of VIEWS) {
  const query: TQueueQuery = ZQueueQuery.parse(view.query);
  const { page, counts } = queueStatements(query);
  // Unnamed parameterised statements, planned for these values each time: what Prisma's adapter sends too.
  const sql = await time(async () => {
    await sqlClient.query(page.text, page.values);
    await sqlClient.query(counts.text, counts.values);
  });
  const first = await listQueue(user, query);
  const op = await time(() => listQueue(user, query));
  let api: { p50: number; p95: number } | undefined;
  if (withHttp) {
    // The search text goes in a body, never in a URL: the queue page's own request.
    const body = JSON.stringify(queueSearchBody(query));
    api = await time(async () => {
      const response = await fetch(`${baseUrl}/api/v1/visits/search`, {
        method: "POST",
        headers: { Cookie: cookie, Accept: "application/json", "Content-Type": "application/json" },
        body,
      });
      if (!response.ok) throw new Error(`${view.name}: HTTP ${response.status}`);
      await response.arrayBuffer();
    });
  }
  results.push({ view: view.name, matched: first.total, api, op, sql });
}

// The fixed cost of any authenticated API request (proxy, session, account re-read, JSON), for scale.
let floor: { p50: number; p95: number } | undefined;
if (withHttp) {
  floor = await time(async () => {
    const response = await fetch(`${baseUrl}/api/v1/me`, { headers: { Cookie: cookie, Accept: "application/json" } });
    if (!response.ok) throw new Error(`/api/v1/me: HTTP ${response.status}`);
    await response.arrayBuffer();
  });
}

await sqlClient.end();
await db().$disconnect();
await app?.stop();
await database.stop();

// ---- report ------------------------------------------------------------------------------------------------
const f = (x: number) => x.toFixed(1).padStart(6);
console.log(`\nqueue benchmark: ${facts.map((r) => `${r.n} ${r.status}`).join(", ")}; ${RUNS} timed runs per view after ${WARMUP} warm-up, one client at a time`);
console.log(`page size 25; every call returns the page and the per-urgency counts${withHttp ? "" : " (no build found or --no-http: api column skipped)"}\n`);
console.log(`| view | matched | api p50/p95 ms | listQueue p50/p95 ms | raw SQL p50/p95 ms | api/sql p95 |`);
console.log(`|---|---|---|---|---|---|`);
let worstP95 = 0;
let worstRatio = 0;
const missed: string[] = [];
for (const r of results) {
  const top = r.api ?? r.op;
  worstP95 = Math.max(worstP95, top.p95);
  const ratio = top.p95 / r.sql.p95;
  worstRatio = Math.max(worstRatio, ratio);
  if (top.p95 > TARGET_P95_MS || ratio > TARGET_RATIO) missed.push(r.view);
  console.log(
    `| ${r.view} | ${r.matched} | ${r.api ? `${f(r.api.p50)} / ${f(r.api.p95)}` : "—"} | ${f(r.op.p50)} / ${f(r.op.p95)} | ${f(r.sql.p50)} / ${f(r.sql.p95)} | ${ratio.toFixed(2)}x |`,
  );
}
if (floor) console.log(`\nreference: GET /api/v1/me (proxy, session, account re-read; no patient data) p50 ${floor.p50.toFixed(1)} / p95 ${floor.p95.toFixed(1)} ms`);
console.log(`load average while measuring: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
const measured = withHttp ? "api" : "listQueue (no HTTP: not the target's measure)";
console.log(
  `\ntarget every view's ${measured} p95 <= ${TARGET_P95_MS} ms and <= ${TARGET_RATIO}x its SQL: ` +
    `${missed.length === 0 && withHttp ? "met" : "NOT met"} (worst p95 ${worstP95.toFixed(1)} ms, worst ratio ${worstRatio.toFixed(2)}x` +
    `${missed.length > 0 ? `; missed by: ${missed.join(", ")}` : ""})`,
);
