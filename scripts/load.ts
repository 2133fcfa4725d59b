// npm run load — many concurrent submitters against a production build, then proof that nothing
// acknowledged was lost. With --fault, PostgreSQL is stopped during the run and started again.
//
//   npm run load -- [--flow submit|intake] [--duration 60] [--connections 200] [--rate 300] [--warmup 10]
//                   [--workers N] [--pool N] [--patients 500] [--request-timeout 10] [--strict] [--profile DIR]
//                   [--samples FILE]
//                   [--fault [--fault-at 20] [--outage 10] [--skip-browser]]
//
// Loopback only: its own embedded PostgreSQL (.data/load-pg, a fresh database per run) and the app as `npm start`
// runs it (scripts/start.mjs: one `next start` worker per CPU core, or --workers) on a free port, from the existing
// build (`npm run build` first; NEXT_DIST_DIR is honoured).
//
// Two flows:
//  - submit (the default): the intakes are first filled in through the API as staff do (start a visit, autosave
//    half the answers), untimed; then the submitters submit them, offered at --rate per second (an open model:
//    a new submission starts on schedule whenever a submitter is free, at most --connections in flight). This
//    measures submissions, the moment the issue's target is about.
//  - intake: each submission is the whole intake (start, autosave, submit), as fast as the submitters can go
//    (closed loop) unless --rate is given. This measures what a whole intake costs.
// A submission counts as acknowledged only on a 200 from submit. A submitter retries a step that got no answer
// or a 503 (the submit is idempotent), so an outage delays work but must not lose it. Afterwards the database
// must hold every acknowledged visit as SUBMITTED, with exactly one submit audit row each.
import { writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import pg from "pg";
import { CLINIC_MIX, generateIntakes } from "../lib/clinical/test-support/generate";
import { DEMO_PASSWORD } from "../lib/db/seed";
import { signInCookie } from "../lib/testing/http-session";
import { createRunDatabase, requireProductionBuild, serverErrors, startApp } from "./support/app-server";
import { httpRequester, sendUntil, submitBody, type TResponse } from "./support/http-request";
import { line, pct } from "./support/latency";
import { loadAverage, machineTicks, machineUse, postgresCpuSeconds, selfCpuSeconds, treeCpuSeconds } from "./support/proc";

const { values: flags } = parseArgs({
  options: {
    flow: { type: "string", default: "submit" },
    duration: { type: "string", default: "60" },
    connections: { type: "string", default: "200" },
    pool: { type: "string" },
    /** app workers (BACKLINE_WORKERS of scripts/start.mjs); default: as `npm start`, one per CPU core */
    workers: { type: "string", default: String(os.availableParallelism()) },
    patients: { type: "string", default: "500" },
    fault: { type: "boolean", default: false },
    "fault-at": { type: "string", default: "20" },
    outage: { type: "string", default: "10" },
    /**
     * offered submissions per second (open model, at most --connections in flight); default 300 in the submit
     * flow; in the intake flow, without it every submitter starts its next intake at once (closed loop)
     */
    rate: { type: "string" },
    /** seconds of the same load before measuring (JIT, pools, caches); checked for loss too, not counted */
    warmup: { type: "string", default: "10" },
    "request-timeout": { type: "string", default: "10" },
    strict: { type: "boolean", default: false },
    /** in --fault mode, do not open /intake in Chromium during the outage */
    "skip-browser": { type: "boolean", default: false },
    /** write a V8 CPU profile of the server to this folder (node --cpu-prof) */
    profile: { type: "string" },
    /** write every timed request (kind, start and duration in ms, status) to this JSON file */
    samples: { type: "string" },
  },
});
const DURATION_S = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const FAULT_AT_S = Number(flags["fault-at"]);
const OUTAGE_S = Number(flags.outage);
const WARMUP_S = Number(flags.warmup);
const FLOW = flags.flow;
if (FLOW !== "submit" && FLOW !== "intake") {
  console.error("--flow must be submit or intake");
  process.exit(2);
}
const RATE = flags.rate ? Number(flags.rate) : FLOW === "submit" ? 300 : null;
const WORKERS = Number(flags.workers);
const REQUEST_TIMEOUT_MS = Number(flags["request-timeout"]) * 1000;
for (const [name, value] of Object.entries({ workers: WORKERS, duration: DURATION_S, connections: CONNECTIONS, "fault-at": FAULT_AT_S, outage: OUTAGE_S, "request-timeout": REQUEST_TIMEOUT_MS, rate: RATE ?? 1, patients: Number(flags.patients) })) {
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number`);
    process.exit(2);
  }
}
if (!Number.isFinite(WARMUP_S) || WARMUP_S < 0) {
  console.error("--warmup must be 0 or more seconds");
  process.exit(2);
}
/** A visit started before the deadline is still finished, but nothing runs past this. */
const GRACE_MS = 30_000;

requireProductionBuild();

const log = (line: string) => console.log(`[load] ${line}`);
const today = new Date().toISOString().slice(0, 10);
/** Times are measured from the start of the load (set again when the submitters start). */
let t0 = performance.now();
const now = () => performance.now() - t0;

// --- the system under test -----------------------------------------------------------------------------------

log(`machine: ${os.cpus().length} CPUs, load average ${loadAverage()} before start (shared with other work)`);
const database = await createRunDatabase({ name: "load", patients: Number(flags.patients), log });
const { cluster, url: databaseUrl, patients } = database;

// The app as `npm start` runs it: scripts/start.mjs and its workers, sharing one port.
const profileArgs = [...(flags.profile ? ["--cpu-prof", `--cpu-prof-dir=${flags.profile}`] : []), ...(process.env.LOAD_APP_NODE_FLAGS?.split(" ").filter(Boolean) ?? [])];
const app = await startApp({ databaseUrl, workers: WORKERS, pool: flags.pool, nodeArgs: profileArgs });
const { port, base, log: serverLog } = app;

let databaseDown = false;

async function cleanup() {
  await app.stop();
  if (databaseDown) await cluster.start().catch(() => {});
  await cluster.dropDatabase(database.name).catch(() => {});
  await cluster.stop();
}

try {
  // Every worker up (each logs Ready), and the app answering.
  await app.ready(WORKERS);
  await run();
} finally {
  await cleanup();
}

// --- the load ----------------------------------------------------------------------------------------------

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

type TKind = "start" | "save" | "submit" | "probe" | "page";

interface TSample {
  kind: TKind;
  started: number;
  ms: number;
  status: number;
}

async function run() {
  const cookie = await signInCookie(base, "staff@example.org", DEMO_PASSWORD);
  const intakes = generateIntakes(500, 7, { ...CLINIC_MIX, visitDate: today });
  // FIFO: every kept-alive socket is used in turn, so none sits idle until the server's keep-alive timeout
  // closes it just as a request is sent on it (LIFO, the default, leaves the least used ones idling).
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS + 8, scheduling: "fifo" });
  const samples: TSample[] = [];
  const bodiesWithStack: string[] = [];
  const missingRetryAfter = { count: 0 };

  const send = httpRequester({ port, agent, cookie, timeoutMs: REQUEST_TIMEOUT_MS, now });
  async function request(kind: TKind, method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<TResponse> {
    const res = await send(method, path, body, extraHeaders);
    samples.push({ kind, started: res.started, ms: res.ms, status: res.status });
    if (res.status >= 500 && /\n\s+at |node_modules/.test(res.text)) bodiesWithStack.push(res.text.slice(0, 300));
    if (res.status === 503 && !res.retryAfter) missingRetryAfter.count += 1;
    return res;
  }

  let deadline = DURATION_S * 1000;
  const acknowledged: string[] = [];
  const warmupAcknowledged: string[] = [];
  /** visits a submitter gave up on, by the step and status that stopped it */
  const abandoned = new Map<string, number>();
  let retries = 0;
  let conflictsResolved = 0;
  const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

  /**
   * Send until the expected status, retrying what may be transient (no answer, 502-504) with the same body:
   * the request is a retry of the same step, never a new submission. Returns the last response and whether
   * it was a retry.
   */
  async function step(kind: TKind, method: string, path: string, body: unknown, expected: number): Promise<{ res: TResponse; retried: boolean }> {
    return sendUntil(() => request(kind, method, path, body), expected, { giveUp: () => now() > deadline + GRACE_MS, onRetry: () => void (retries += 1) });
  }

  /** Open model: submissions start on a fixed schedule (RATE per second), whichever submitter is free. */
  let nextSlot = 0;
  /** Wait for this submitter's next start; false once no submission may start any more. */
  async function waitForSlot(): Promise<boolean> {
    if (now() >= deadline) return false;
    if (RATE === null) return true;
    const slot = Math.max(now(), nextSlot);
    if (slot >= deadline) return false;
    nextSlot = slot + 1000 / RATE;
    if (slot > now()) await sleep(slot - now());
    return true;
  }

  interface TDraft {
    id: string;
    version: number;
    intake: Record<string, unknown>;
  }

  /**
   * What staff do before a submission: start a visit and autosave the first half of the answers. `seq` picks
   * the patient and the intake. Null when a step failed for good (counted in `abandoned`).
   */
  async function fillDraft(seq: number): Promise<TDraft | null> {
    const patientId = patients[seq % patients.length]!;
    const intake = intakes[(seq * 31) % intakes.length]!;
    const started = (await step("start", "POST", "/api/v1/visits", { patientId }, 201)).res;
    if (started.status !== 201) {
      bump(abandoned, `start ${started.status || "no answer"}`);
      return null;
    }
    const visit = JSON.parse(started.text) as { id: string; version: number };
    let version = visit.version;
    const draft = Object.fromEntries(Object.entries(intake).slice(0, Math.ceil(Object.keys(intake).length / 2)));
    const saved = await step("save", "PUT", `/api/v1/visits/${visit.id}/answers`, { version, answers: draft }, 200);
    const current = saved.res.status === 409 ? (JSON.parse(saved.res.text) as { error?: { current?: { version: number; status: string } } }).error?.current : undefined;
    if (saved.res.status === 200) version = (JSON.parse(saved.res.text) as { version: number }).version;
    else if (saved.retried && current?.status === "DRAFT" && current.version === version + 1) {
      // The first attempt committed but its answer was lost: carry on from the version the server holds.
      conflictsResolved += 1;
      version = current.version;
    } else {
      bump(abandoned, `save ${saved.res.status || "no answer"}`);
      return null;
    }
    return { id: visit.id, version, intake };
  }

  /** Submit the whole intake; acknowledged (pushed to `sink`) only on a 200. */
  async function submit(draft: TDraft, sink: string[]): Promise<void> {
    const submitted = (await step("submit", "POST", `/api/v1/visits/${draft.id}/submit`, submitBody(draft.version, draft.intake), 200)).res;
    if (submitted.status === 200) sink.push(draft.id);
    else bump(abandoned, `submit ${submitted.status || "no answer"}`);
  }

  let offered = 0;
  /** The submit flow's drafts, filled in before the clock starts. */
  const prepared: TDraft[] = [];
  let preparationShortfall = 0;
  /** submitters that found no prepared draft left (the run would understate the offered rate) */
  let ranOut = 0;

  async function submitter(worker: number, sink: string[]) {
    for (let n = 0; await waitForSlot(); n++) {
      offered += 1;
      if (FLOW === "intake") {
        const draft = await fillDraft(worker + n * CONNECTIONS);
        if (draft) await submit(draft, sink);
      } else {
        const draft = prepared.pop();
        if (!draft) {
          ranOut += 1;
          return;
        }
        await submit(draft, sink);
      }
    }
  }

  /** The submit flow's set-up: as many drafts as the offered rate can use, filled in by every submitter. */
  async function prepareDrafts(count: number): Promise<string> {
    t0 = performance.now();
    deadline = 15 * 60_000;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < count) {
          const draft = await fillDraft(next++);
          if (draft) prepared.push(draft);
        }
      }),
    );
    const seconds = now() / 1000;
    const lines = (["start", "save"] as const).map((kind) => `  ${line(kind, samples.filter((x) => x.kind === kind).map((x) => x.ms))}`);
    const failed = [...abandoned].map(([k, v]) => `${k}: ${v}`).join(", ");
    const summary = [
      `drafts filled in through the API before the clock (start + autosave, ${CONNECTIONS} at a time): ${prepared.length} of ${count} in ${seconds.toFixed(1)} s -> ${(prepared.length / seconds).toFixed(1)} drafts/s${failed ? `; failed: ${failed}` : ""}`,
      ...lines,
    ].join("\n");
    preparationShortfall = count - prepared.length;
    samples.length = 0;
    abandoned.clear();
    retries = 0;
    conflictsResolved = 0;
    return summary;
  }

  // --- fault injection and probes --------------------------------------------------------------------------
  const fault = { stopAt: NaN, stoppedAt: NaN, startAt: NaN, readyAt: NaN };
  const apiProbe: { at: number; status: number; ms: number }[] = [];
  const pageProbe: { at: number; status: number; ms: number; text: string }[] = [];

  async function injectFault() {
    await sleep(FAULT_AT_S * 1000);
    fault.stopAt = now();
    log(`t=${(fault.stopAt / 1000).toFixed(1)} s: stopping PostgreSQL`);
    databaseDown = true;
    await cluster.stop();
    fault.stoppedAt = now();
    await sleep(OUTAGE_S * 1000);
    fault.startAt = now();
    await cluster.start();
    databaseDown = false;
    fault.readyAt = now();
    log(`t=${(fault.readyAt / 1000).toFixed(1)} s: PostgreSQL accepting connections again (down ${((fault.readyAt - fault.stoppedAt) / 1000).toFixed(1)} s)`);
  }

  /**
   * From just before the stop until 15 s after the restart: an API read (GET /api/v1/visits/drafts) sent every
   * 100 ms without waiting for the previous one, so a slow answer does not hide a quick recovery; and the
   * /intake page (a server component) every 500 ms.
   */
  async function probe() {
    await sleep(Math.max(0, FAULT_AT_S * 1000 - 1000));
    const until = () => (Number.isNaN(fault.readyAt) ? Infinity : fault.readyAt + 15_000);
    const pending: Promise<void>[] = [];
    const pages = (async () => {
      while (now() < until()) {
        const r = await request("page", "GET", "/intake", undefined, { accept: "text/html" });
        pageProbe.push({ at: r.started, status: r.status, ms: r.ms, text: r.text });
        await sleep(500);
      }
    })();
    while (now() < until()) {
      pending.push(request("probe", "GET", "/api/v1/visits/drafts").then((r) => void apiProbe.push({ at: r.started, status: r.status, ms: r.ms })));
      await sleep(100);
    }
    await Promise.all([pages, ...pending]);
  }

  /** What a user sees: the /intake page opened in Chromium during the outage, then "Try again" after it. */
  const browserSeen: { during?: string; duringStatus?: string; after?: string; error?: string } = {};
  async function browserCheck() {
    const browser = await chromium.launch({
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking"],
    });
    try {
      const context = await browser.newContext();
      const eq = cookie.indexOf("=");
      await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: base }]);
      const page = await context.newPage();
      while (Number.isNaN(fault.stoppedAt)) await sleep(100);
      await sleep(2_000);
      const during = await page.goto(`${base}/intake`, { timeout: 20_000 }).catch(() => null);
      const heading = page.getByRole("heading", { level: 1 });
      await page.getByText("Backline cannot reach its database").waitFor({ timeout: 15_000 }).catch(() => {});
      browserSeen.during = (await heading.textContent({ timeout: 5_000 }).catch(() => null)) ?? "(no heading)";
      browserSeen.duringStatus = String(during?.status() ?? "no answer");
      while (Number.isNaN(fault.readyAt)) await sleep(200);
      await sleep(1_000);
      // A link on the 503 page (proxy.ts), a button on the error page (a render that failed midway).
      const again = page.getByRole("link", { name: "Try again" }).or(page.getByRole("button", { name: "Try again" }));
      await again.first().click({ timeout: 5_000 }).catch(() => {});
      await page.getByRole("heading", { name: "Intake", level: 1 }).waitFor({ timeout: 10_000 }).catch(() => page.reload());
      browserSeen.after = (await heading.textContent({ timeout: 10_000 }).catch(() => null)) ?? "(no heading)";
    } catch (error) {
      browserSeen.error = String(error);
    } finally {
      await browser.close();
    }
  }

  let preparation = "";
  if (FLOW === "submit") {
    // Every offered slot of the warm-up and the run, plus one per submitter for the ends of the windows.
    const count = Math.ceil(RATE! * (WARMUP_S + DURATION_S)) + CONNECTIONS;
    log(`filling in ${count} drafts through the API (start a visit, autosave half the answers)`);
    preparation = await prepareDrafts(count);
    log(preparation.split("\n")[0]!);
    // The set-up wrote in a minute and a half what a clinic writes in weeks. Settle it as autovacuum and the
    // checkpointer would have by then, so the run does not pay for the set-up's dead rows and WAL (its own, it
    // pays for).
    const settle = new pg.Client({ connectionString: databaseUrl });
    await settle.connect();
    const settleStarted = performance.now();
    await settle.query("VACUUM ANALYZE visits, audit_events");
    await settle.query("CHECKPOINT");
    await settle.end();
    log(`VACUUM ANALYZE and CHECKPOINT after the set-up: ${((performance.now() - settleStarted) / 1000).toFixed(1)} s`);
  }
  if (WARMUP_S > 0) {
    log(`warming up: ${CONNECTIONS} submitters for ${WARMUP_S} s (checked for loss, not counted)`);
    t0 = performance.now();
    deadline = WARMUP_S * 1000;
    nextSlot = 0;
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => submitter(w, warmupAcknowledged)));
    samples.length = 0;
    bodiesWithStack.length = 0;
    missingRetryAfter.count = 0;
    abandoned.clear();
    retries = 0;
    conflictsResolved = 0;
    offered = 0;
    deadline = DURATION_S * 1000;
  }
  deadline = DURATION_S * 1000;
  const cpuAtStart = serverCpuSeconds();
  const pgCpuAtStart = postgresCpuSeconds(cluster.dataDir);
  const selfCpuAtStart = process.cpuUsage();
  const machineAtStart = machineTicks();
  t0 = performance.now();
  nextSlot = 0;
  const started = now();
  log(`${CONNECTIONS} submitters for ${DURATION_S} s against 127.0.0.1:${port}${flags.fault ? `; PostgreSQL stopped at ${FAULT_AT_S} s for ${OUTAGE_S} s` : ""}`);
  await Promise.all([
    ...Array.from({ length: CONNECTIONS }, (_, w) => submitter(w, acknowledged)),
    ...(flags.fault ? [injectFault(), probe()] : []),
    ...(flags.fault && !flags["skip-browser"] ? [browserCheck()] : []),
  ]);
  const finished = now();
  const cpuUsed = serverCpuSeconds() - cpuAtStart;
  const pgCpuUsed = postgresCpuSeconds(cluster.dataDir) - pgCpuAtStart;
  const selfCpuUsed = selfCpuSeconds(selfCpuAtStart);
  const machine = machineUse(machineAtStart);
  agent.destroy();

  // --- verification in the database --------------------------------------------------------------------------
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const everyAcknowledged = [...warmupAcknowledged, ...acknowledged];
  const ids = [...new Set(everyAcknowledged)];
  const stored = await client.query<{ id: string; status: string }>("SELECT id::text, status::text FROM visits WHERE id = ANY($1::uuid[])", [ids]);
  const audits = await client.query<{ id: string; n: number }>(
    "SELECT entity_id AS id, count(*)::int AS n FROM audit_events WHERE action = 'visit.submit' AND entity_id = ANY($1::text[]) GROUP BY entity_id",
    [ids],
  );
  const totals = await client.query<{ status: string; n: number }>("SELECT status::text, count(*)::int AS n FROM visits GROUP BY status");
  await client.end();
  const submittedIds = new Set(stored.rows.filter((r) => r.status === "SUBMITTED").map((r) => r.id));
  const lost = ids.filter((id) => !submittedIds.has(id));
  const auditCount = new Map(audits.rows.map((r) => [r.id, r.n]));
  const auditNotOnce = ids.filter((id) => auditCount.get(id) !== 1);
  const inDb = Object.fromEntries(totals.rows.map((r) => [r.status, r.n]));

  // --- report ------------------------------------------------------------------------------------------------
  if (flags.samples) writeFileSync(flags.samples, JSON.stringify(samples));
  if (process.env.LOAD_SERVER_LOG) writeFileSync(process.env.LOAD_SERVER_LOG, serverLog.join("\n"));
  const wall = (finished - started) / 1000;
  const inOutage = (s: TSample) => flags.fault && s.started + s.ms >= fault.stopAt && s.started <= fault.readyAt + 5_000;
  const isLoad = (s: TSample) => s.kind === "start" || s.kind === "save" || s.kind === "submit";
  const steady = samples.filter((s) => isLoad(s) && !inOutage(s));
  const statusCounts = (xs: TSample[]) => {
    const m = new Map<string, number>();
    for (const s of xs) bump(m, `${s.kind} ${s.status || "no answer"}`);
    return [...m].sort().map(([k, v]) => `${k}: ${v}`).join(", ");
  };
  const requestsTotal = samples.filter(isLoad).length;

  console.log("");
  console.log(`=== load: ${RATE === null ? `${CONNECTIONS} concurrent submitters (closed loop)` : `${RATE} submissions/s offered, at most ${CONNECTIONS} in flight`}, ${DURATION_S} s after ${WARMUP_S} s of warm-up${flags.fault ? `, PostgreSQL stopped for ${OUTAGE_S} s at ${FAULT_AT_S} s` : ""} (${WORKERS} app worker${WORKERS > 1 ? "s" : ""}, pool ${flags.pool ?? "default"} each)`);
  console.log(`flow: ${FLOW === "submit" ? "submit (drafts filled in through the API beforehand; each submission is one submit request)" : "intake (each submission is start + autosave + submit)"}`);
  if (preparation) console.log(preparation);
  // Open model: the submissions started in the window, over the window (those still in flight at its end are
  // finished and count, as they were offered in it). Closed loop: everything acknowledged, over the wall time.
  const window = RATE === null ? wall : DURATION_S;
  const throughput = acknowledged.length / window;
  console.log(`wall time ${wall.toFixed(1)} s (new submissions stop at ${DURATION_S} s; those already started are finished)`);
  console.log(
    `acknowledged submissions: ${acknowledged.length}${RATE === null ? "" : ` of ${offered} offered`} -> ${throughput.toFixed(1)} submissions/s` +
      `${RATE === null ? "" : ` over the ${DURATION_S} s window`}; ${requestsTotal} requests -> ${(requestsTotal / window).toFixed(1)} requests/s`,
  );
  console.log(`latency${flags.fault ? " outside the outage window (stop .. restart + 5 s)" : ""}, per request type:`);
  for (const kind of ["start", "save", "submit"] as const) {
    const xs = steady.filter((s) => s.kind === kind).map((s) => s.ms);
    if (xs.length) console.log(`  ${line(kind, xs)}`);
  }
  console.log(`  ${line("all", steady.map((s) => s.ms))}`);
  console.log(`responses: ${statusCounts(samples.filter(isLoad))}`);
  const steadyErrors = steady.filter((s) => !(s.status === 200 || s.status === 201)).length;
  console.log(`errors outside the outage window: ${steadyErrors}; retries: ${retries}; visits given up: ${[...abandoned].map(([k, v]) => `${k}: ${v}`).join(", ") || "none"}${conflictsResolved ? `; retried saves that had committed: ${conflictsResolved}` : ""}`);
  console.log(`database: ${JSON.stringify(inDb)}; acknowledged ids (warm-up included) ${ids.length} (acknowledged twice: ${everyAcknowledged.length - ids.length}); lost: ${lost.length}; submit audit rows not exactly one: ${auditNotOnce.length}`);
  // A PostgreSQL restarted mid-run (--fault) has new processes: its CPU before the stop is not counted.
  const share = (cpu: number) => (cpu < 0 ? "not measured across the restart" : `${cpu.toFixed(1)} s (${((100 * cpu) / wall).toFixed(0)}% of one core)`);
  console.log(
    `CPU over ${wall.toFixed(1)} s on ${os.cpus().length} cores: app (${WORKERS} worker${WORKERS > 1 ? "s" : ""}) ${share(cpuUsed)}, PostgreSQL ${share(pgCpuUsed)}, this load generator ${share(selfCpuUsed)}; ` +
      `per submission: app ${((1000 * cpuUsed) / Math.max(1, acknowledged.length)).toFixed(1)} ms, PostgreSQL ${pgCpuUsed < 0 ? "-" : ((1000 * pgCpuUsed) / Math.max(1, acknowledged.length)).toFixed(1)} ms`,
  );
  // The whole machine (every process and the kernel): how close to saturated it was, and whether the host took
  // time from this VM (steal), which makes runs of the same code differ.
  console.log(`machine over the window: ${machine}; load average now ${loadAverage()}`);

  const problems: string[] = [];
  if (preparationShortfall) problems.push(`${preparationShortfall} drafts could not be filled in`);
  if (ranOut) problems.push(`${ranOut} submitters ran out of prepared drafts (the offered rate was not kept)`);
  if (lost.length) problems.push(`${lost.length} acknowledged submissions lost`);
  if (auditNotOnce.length) problems.push(`${auditNotOnce.length} acknowledged submissions without exactly one submit audit row`);
  if (everyAcknowledged.length !== ids.length) problems.push("a visit was acknowledged twice");
  if (bodiesWithStack.length) problems.push(`${bodiesWithStack.length} error bodies with a stack trace`);
  const fiveHundreds = samples.filter((s) => s.kind !== "page" && s.status === 500).length;
  if (fiveHundreds) problems.push(`${fiveHundreds} API responses were 500`);

  if (flags.fault) {
    const during = samples.filter((s) => s.started + s.ms >= fault.stopAt && s.started <= fault.readyAt);
    const hung = during.filter((s) => s.status === 0).length;
    const maxDuring = Math.max(...during.map((s) => s.ms));
    const okAfter = apiProbe.filter((p) => p.at + p.ms >= fault.readyAt && p.status === 200);
    const firstOkAfter = okAfter.sort((a, b) => a.at + a.ms - (b.at + b.ms))[0];
    const firstSentOk = [...okAfter].sort((a, b) => a.at - b.at)[0];
    const firstSubmitAfter = samples.filter((s) => s.kind === "submit" && s.status === 200 && s.started >= fault.readyAt).sort((a, b) => a.started + a.ms - (b.started + b.ms))[0];
    const lastBadProbe = [...apiProbe].reverse().find((p) => p.status !== 200);
    const pagesDuring = pageProbe.filter((x) => x.at >= fault.stopAt && x.at <= fault.readyAt);
    const pageStatuses = new Map<string, number>();
    for (const p of pagesDuring) bump(pageStatuses, String(p.status || "no answer"));
    const pageMax = Math.max(0, ...pagesDuring.map((p) => p.ms));
    const pageStacks = pagesDuring.filter((p) => /\n\s+at |node_modules\/|\.tsx?:\d+:\d+/.test(p.text)).length;
    const recovery = firstOkAfter ? (firstOkAfter.at + firstOkAfter.ms - fault.readyAt) / 1000 : NaN;
    console.log(`fault: PostgreSQL stopped at ${(fault.stopAt / 1000).toFixed(1)} s (down after ${((fault.stoppedAt - fault.stopAt) / 1000).toFixed(1)} s), started again at ${(fault.startAt / 1000).toFixed(1)} s, ready at ${(fault.readyAt / 1000).toFixed(1)} s`);
    console.log(`  during the outage: ${during.length} responses: ${statusCounts(during)}`);
    console.log(`  503 without Retry-After: ${missingRetryAfter.count}; API 500s: ${fiveHundreds}; no answer (reset or ${REQUEST_TIMEOUT_MS / 1000} s timeout): ${hung}; slowest response during the outage ${maxDuring.toFixed(0)} ms`);
    const rel = (t: number | undefined) => (t === undefined ? "?" : ((t - fault.readyAt) / 1000).toFixed(2));
    console.log(
      `  recovery: first 200 answer to the API probe ${recovery.toFixed(2)} s after PostgreSQL was ready (that request sent at ${rel(firstOkAfter?.at)} s; ` +
        `earliest-sent request that got a 200: ${rel(firstSentOk?.at)} s; last non-200 probe sent at ${rel(lastBadProbe?.at)} s); ` +
        `first acknowledged submit answered at ${rel(firstSubmitAfter ? firstSubmitAfter.started + firstSubmitAfter.ms : undefined)} s`,
    );
    console.log(`  page /intake during the outage: statuses ${[...pageStatuses].map(([k, v]) => `${k}: ${v}`).join(", ") || "none"}, slowest ${pageMax.toFixed(0)} ms, bodies with a stack trace: ${pageStacks}`);
    if (!flags["skip-browser"]) {
      console.log(`  in Chromium, /intake during the outage shows "${browserSeen.during ?? "?"}" (HTTP ${browserSeen.duringStatus ?? "?"}); after "Try again" once the database is back: "${browserSeen.after ?? "?"}"${browserSeen.error ? ` (${browserSeen.error})` : ""}`);
    }
    if (missingRetryAfter.count) problems.push(`${missingRetryAfter.count} 503s without Retry-After`);
    if (pageStacks) problems.push(`${pageStacks} page bodies with a stack trace`);
    if (hung) problems.push(`${hung} requests got no answer during the outage`);
    if (!(recovery <= 5)) problems.push(`recovery took ${recovery.toFixed(2)} s (target <= 5 s)`);
  } else if (steadyErrors) problems.push(`${steadyErrors} error responses`);

  const all = [...steady.map((s) => s.ms)].sort((a, b) => a - b);
  const targets = [
    [`>= 300 submissions/s`, throughput >= 300],
    [`p95 <= 100 ms`, pct(all, 95) <= 100],
  ] as const;
  console.log(`targets: ${targets.map(([t, ok]) => `${t}: ${ok ? "met" : "MISSED"}`).join("; ")}`);
  if (problems.length) {
    console.log(`FAILED: ${problems.join("; ")}`);
    console.log(`server errors logged:\n${serverErrors(serverLog)}`);
    process.exitCode = 1;
  } else {
    console.log("OK: every acknowledged submission is stored exactly once");
    if (flags.strict && targets.some(([, ok]) => !ok)) process.exitCode = 1;
  }
}

/** CPU seconds used so far by the app: scripts/start.mjs, its exited workers, and its live workers. */
function serverCpuSeconds(): number {
  return treeCpuSeconds(app.process.pid!);
}
