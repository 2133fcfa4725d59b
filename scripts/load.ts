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
import { CLINIC_MIX, generateIntakes } from "../lib/db/seed/generate";
import { DEMO_PASSWORD } from "../lib/db/seed/demo";
import { signInCookie } from "../lib/testing/http-session";
import { createRunDatabase, requireProductionBuild, serverErrors, startApp, type TApp, type TRunDatabase } from "./support/app-server";
import { httpRequester, sendUntil, submitBody, type TRequest, type TResponse } from "./support/http-request";
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
/** Times are measured from the start of the load (set again when each phase starts). */
let t0 = performance.now();
const now = () => performance.now() - t0;
const restartClock = () => void (t0 = performance.now());

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

function bump(m: Map<string, number>, key: string) {
  m.set(key, (m.get(key) ?? 0) + 1);
}

type TKind = "start" | "save" | "submit" | "probe" | "page";

interface TSample {
  kind: TKind;
  started: number;
  ms: number;
  status: number;
}

interface TDraft {
  id: string;
  version: number;
  intake: Record<string, unknown>;
}

/** The system under test: the run's database in its own cluster, and the app. */
interface TSystem {
  database: TRunDatabase;
  app: TApp;
  /** PostgreSQL is stopped (by the fault injection) and must be started again before it is dropped */
  databaseDown: boolean;
}

/** Everything the phases share: the session, the requests' record and counters, the drafts and the fault's times. */
interface TLoad {
  system: TSystem;
  cookie: string;
  intakes: Record<string, unknown>[];
  agent: http.Agent;
  send: TRequest;
  samples: TSample[];
  bodiesWithStack: string[];
  missingRetryAfter: number;
  /** no new submission starts after this (ms on the phase's clock); steps give up GRACE_MS later */
  deadline: number;
  /** open model: the next submission's start (ms on the phase's clock) */
  nextSlot: number;
  acknowledged: string[];
  warmupAcknowledged: string[];
  /** visits a submitter gave up on, by the step and status that stopped it */
  abandoned: Map<string, number>;
  retries: number;
  conflictsResolved: number;
  offered: number;
  /** The submit flow's drafts, filled in before the clock starts. */
  prepared: TDraft[];
  preparationShortfall: number;
  /** submitters that found no prepared draft left (the run would understate the offered rate) */
  ranOut: number;
  fault: { stopAt: number; stoppedAt: number; startAt: number; readyAt: number };
  apiProbe: { at: number; status: number; ms: number }[];
  pageProbe: { at: number; status: number; ms: number; text: string }[];
  browserSeen: { during?: string; duringStatus?: string; after?: string; error?: string };
}

const system = await setUp();
try {
  // Every worker up (each logs Ready), and the app answering.
  await system.app.ready(WORKERS);
  await run(system);
} finally {
  await cleanUp(system);
}

// --- the system under test -----------------------------------------------------------------------------------

/** A fresh database in the load cluster, and the app as `npm start` runs it: scripts/start.mjs and its workers, sharing one port. */
async function setUp(): Promise<TSystem> {
  log(`machine: ${os.cpus().length} CPUs, load average ${loadAverage()} before start (shared with other work)`);
  const database = await createRunDatabase({ name: "load", patients: Number(flags.patients), log });
  const profileArgs = [...(flags.profile ? ["--cpu-prof", `--cpu-prof-dir=${flags.profile}`] : []), ...(process.env.LOAD_APP_NODE_FLAGS?.split(" ").filter(Boolean) ?? [])];
  const app = await startApp({ databaseUrl: database.url, workers: WORKERS, pool: flags.pool, nodeArgs: profileArgs });
  return { database, app, databaseDown: false };
}

async function cleanUp({ app, database, databaseDown }: TSystem) {
  await app.stop();
  if (databaseDown) await database.cluster.start().catch(() => {});
  await database.cluster.dropDatabase(database.name).catch(() => {});
  await database.cluster.stop();
}

/** CPU seconds used so far by the app: scripts/start.mjs, its exited workers, and its live workers. */
function serverCpuSeconds(app: TApp): number {
  return treeCpuSeconds(app.process.pid!);
}

// --- the run: its phases in order ----------------------------------------------------------------------------

async function run(system: TSystem) {
  const load = await signIn(system);
  const preparation = FLOW === "submit" ? await prepare(load) : "";
  if (WARMUP_S > 0) await warmUp(load);
  const measured = await measure(load);
  const stored = await verify(load);
  report(load, measured, stored, preparation);
}

/** The staff session the submitters share, the intakes they submit, and empty counters. */
async function signIn(system: TSystem): Promise<TLoad> {
  const cookie = await signInCookie(system.app.base, "staff@example.org", DEMO_PASSWORD);
  // FIFO: every kept-alive socket is used in turn, so none sits idle until the server's keep-alive timeout
  // closes it just as a request is sent on it (LIFO, the default, leaves the least used ones idling).
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS + 8, scheduling: "fifo" });
  return {
    system,
    cookie,
    intakes: generateIntakes(500, 7, { ...CLINIC_MIX, visitDate: today }),
    agent,
    send: httpRequester({ port: system.app.port, agent, cookie, timeoutMs: REQUEST_TIMEOUT_MS, now }),
    samples: [],
    bodiesWithStack: [],
    missingRetryAfter: 0,
    deadline: DURATION_S * 1000,
    nextSlot: 0,
    acknowledged: [],
    warmupAcknowledged: [],
    abandoned: new Map(),
    retries: 0,
    conflictsResolved: 0,
    offered: 0,
    prepared: [],
    preparationShortfall: 0,
    ranOut: 0,
    fault: { stopAt: NaN, stoppedAt: NaN, startAt: NaN, readyAt: NaN },
    apiProbe: [],
    pageProbe: [],
    browserSeen: {},
  };
}

// --- requests and the submitters -----------------------------------------------------------------------------

/** One timed request, recorded in the samples (with what a 5xx body or a 503's headers gave away). */
async function request(load: TLoad, kind: TKind, method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<TResponse> {
  const res = await load.send(method, path, body, extraHeaders);
  load.samples.push({ kind, started: res.started, ms: res.ms, status: res.status });
  if (res.status >= 500 && /\n\s+at |node_modules/.test(res.text)) load.bodiesWithStack.push(res.text.slice(0, 300));
  if (res.status === 503 && !res.retryAfter) load.missingRetryAfter += 1;
  return res;
}

/**
 * Send until the expected status, retrying what may be transient (no answer, 502-504) with the same body:
 * the request is a retry of the same step, never a new submission. Returns the last response and whether
 * it was a retry.
 */
async function step(load: TLoad, kind: TKind, method: string, path: string, body: unknown, expected: number): Promise<{ res: TResponse; retried: boolean }> {
  return sendUntil(() => request(load, kind, method, path, body), expected, { giveUp: () => now() > load.deadline + GRACE_MS, onRetry: () => void (load.retries += 1) });
}

/** Open model: submissions start on a fixed schedule (RATE per second), whichever submitter is free. Wait for this submitter's next start; false once no submission may start any more. */
async function waitForSlot(load: TLoad): Promise<boolean> {
  if (now() >= load.deadline) return false;
  if (RATE === null) return true;
  const slot = Math.max(now(), load.nextSlot);
  if (slot >= load.deadline) return false;
  load.nextSlot = slot + 1000 / RATE;
  if (slot > now()) await sleep(slot - now());
  return true;
}

/**
 * What staff do before a submission: start a visit and autosave the first half of the answers. `seq` picks
 * the patient and the intake. Null when a step failed for good (counted in `abandoned`).
 */
async function fillDraft(load: TLoad, seq: number): Promise<TDraft | null> {
  const { patients } = load.system.database;
  const patientId = patients[seq % patients.length]!;
  const intake = load.intakes[(seq * 31) % load.intakes.length]!;
  const started = (await step(load, "start", "POST", "/api/v1/visits", { patientId }, 201)).res;
  if (started.status !== 201) {
    bump(load.abandoned, `start ${started.status || "no answer"}`);
    return null;
  }
  const visit = JSON.parse(started.text) as { id: string; version: number };
  let version = visit.version;
  const draft = Object.fromEntries(Object.entries(intake).slice(0, Math.ceil(Object.keys(intake).length / 2)));
  const saved = await step(load, "save", "PUT", `/api/v1/visits/${visit.id}/answers`, { version, answers: draft }, 200);
  const current = saved.res.status === 409 ? (JSON.parse(saved.res.text) as { error?: { current?: { version: number; status: string } } }).error?.current : undefined;
  if (saved.res.status === 200) version = (JSON.parse(saved.res.text) as { version: number }).version;
  else if (saved.retried && current?.status === "DRAFT" && current.version === version + 1) {
    // The first attempt committed but its answer was lost: carry on from the version the server holds.
    load.conflictsResolved += 1;
    version = current.version;
  } else {
    bump(load.abandoned, `save ${saved.res.status || "no answer"}`);
    return null;
  }
  return { id: visit.id, version, intake };
}

/** Submit the whole intake; acknowledged (pushed to `sink`) only on a 200. */
async function submit(load: TLoad, draft: TDraft, sink: string[]): Promise<void> {
  const submitted = (await step(load, "submit", "POST", `/api/v1/visits/${draft.id}/submit`, submitBody(draft.version, draft.intake), 200)).res;
  if (submitted.status === 200) sink.push(draft.id);
  else bump(load.abandoned, `submit ${submitted.status || "no answer"}`);
}

/** One submitter until the deadline: a prepared draft submitted (submit flow), or a whole intake (intake flow). */
async function submitter(load: TLoad, worker: number, sink: string[]) {
  for (let n = 0; await waitForSlot(load); n++) {
    load.offered += 1;
    if (FLOW === "intake") {
      const draft = await fillDraft(load, worker + n * CONNECTIONS);
      if (draft) await submit(load, draft, sink);
    } else {
      const draft = load.prepared.pop();
      if (!draft) {
        load.ranOut += 1;
        return;
      }
      await submit(load, draft, sink);
    }
  }
}

/** Every submitter at once until the deadline. */
function submitters(load: TLoad, sink: string[]): Promise<void>[] {
  return Array.from({ length: CONNECTIONS }, (_, w) => submitter(load, w, sink));
}

// --- phase: the submit flow's set-up ---------------------------------------------------------------------------

/** Fill in the drafts the submit flow submits, then settle the database; returns the set-up's summary lines. */
async function prepare(load: TLoad): Promise<string> {
  // Every offered slot of the warm-up and the run, plus one per submitter for the ends of the windows.
  const count = Math.ceil(RATE! * (WARMUP_S + DURATION_S)) + CONNECTIONS;
  log(`filling in ${count} drafts through the API (start a visit, autosave half the answers)`);
  const preparation = await prepareDrafts(load, count);
  log(preparation.split("\n")[0]!);
  await settle(load.system.database.url);
  return preparation;
}

/** As many drafts as the offered rate can use, filled in by every submitter. */
async function prepareDrafts(load: TLoad, count: number): Promise<string> {
  restartClock();
  load.deadline = 15 * 60_000;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < count) {
        const draft = await fillDraft(load, next++);
        if (draft) load.prepared.push(draft);
      }
    }),
  );
  const seconds = now() / 1000;
  const lines = (["start", "save"] as const).map((kind) => `  ${line(kind, load.samples.filter((x) => x.kind === kind).map((x) => x.ms))}`);
  const failed = [...load.abandoned].map(([k, v]) => `${k}: ${v}`).join(", ");
  const summary = [
    `drafts filled in through the API before the clock (start + autosave, ${CONNECTIONS} at a time): ${load.prepared.length} of ${count} in ${seconds.toFixed(1)} s -> ${(load.prepared.length / seconds).toFixed(1)} drafts/s${failed ? `; failed: ${failed}` : ""}`,
    ...lines,
  ].join("\n");
  load.preparationShortfall = count - load.prepared.length;
  load.samples.length = 0;
  load.abandoned.clear();
  load.retries = 0;
  load.conflictsResolved = 0;
  return summary;
}

/**
 * The set-up wrote in a minute and a half what a clinic writes in weeks. Settle it as autovacuum and the
 * checkpointer would have by then, so the run does not pay for the set-up's dead rows and WAL (its own, it pays for).
 */
async function settle(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const settleStarted = performance.now();
  await client.query("VACUUM ANALYZE visits, audit_events");
  await client.query("CHECKPOINT");
  await client.end();
  log(`VACUUM ANALYZE and CHECKPOINT after the set-up: ${((performance.now() - settleStarted) / 1000).toFixed(1)} s`);
}

// --- phase: warm-up --------------------------------------------------------------------------------------------

/** The same load for WARMUP_S seconds (JIT, pools, caches): its submissions are checked for loss, its figures forgotten. */
async function warmUp(load: TLoad) {
  log(`warming up: ${CONNECTIONS} submitters for ${WARMUP_S} s (checked for loss, not counted)`);
  restartClock();
  load.deadline = WARMUP_S * 1000;
  load.nextSlot = 0;
  await Promise.all(submitters(load, load.warmupAcknowledged));
  load.samples.length = 0;
  load.bodiesWithStack.length = 0;
  load.missingRetryAfter = 0;
  load.abandoned.clear();
  load.retries = 0;
  load.conflictsResolved = 0;
  load.offered = 0;
}

// --- phase: the measured load (with the fault, its probes and the browser check under --fault) -----------------

interface TMeasured {
  /** seconds from the first submission to the last answer */
  wall: number;
  cpuUsed: number;
  pgCpuUsed: number;
  selfCpuUsed: number;
  machine: string;
}

async function measure(load: TLoad): Promise<TMeasured> {
  const { app, database } = load.system;
  load.deadline = DURATION_S * 1000;
  const cpuAtStart = serverCpuSeconds(app);
  const pgCpuAtStart = postgresCpuSeconds(database.cluster.dataDir);
  const selfCpuAtStart = process.cpuUsage();
  const machineAtStart = machineTicks();
  restartClock();
  load.nextSlot = 0;
  const started = now();
  log(`${CONNECTIONS} submitters for ${DURATION_S} s against 127.0.0.1:${app.port}${flags.fault ? `; PostgreSQL stopped at ${FAULT_AT_S} s for ${OUTAGE_S} s` : ""}`);
  await Promise.all([
    ...submitters(load, load.acknowledged),
    ...(flags.fault ? [injectFault(load), probe(load)] : []),
    ...(flags.fault && !flags["skip-browser"] ? [browserCheck(load)] : []),
  ]);
  const finished = now();
  const measured = {
    wall: (finished - started) / 1000,
    cpuUsed: serverCpuSeconds(app) - cpuAtStart,
    pgCpuUsed: postgresCpuSeconds(database.cluster.dataDir) - pgCpuAtStart,
    selfCpuUsed: selfCpuSeconds(selfCpuAtStart),
    machine: machineUse(machineAtStart),
  };
  load.agent.destroy();
  return measured;
}

// --- fault injection and probes ----------------------------------------------------------------------------

/** Stop PostgreSQL FAULT_AT_S seconds in, for OUTAGE_S seconds, and start it again. */
async function injectFault(load: TLoad) {
  const { fault, system } = load;
  await sleep(FAULT_AT_S * 1000);
  fault.stopAt = now();
  log(`t=${(fault.stopAt / 1000).toFixed(1)} s: stopping PostgreSQL`);
  system.databaseDown = true;
  await system.database.cluster.stop();
  fault.stoppedAt = now();
  await sleep(OUTAGE_S * 1000);
  fault.startAt = now();
  await system.database.cluster.start();
  system.databaseDown = false;
  fault.readyAt = now();
  log(`t=${(fault.readyAt / 1000).toFixed(1)} s: PostgreSQL accepting connections again (down ${((fault.readyAt - fault.stoppedAt) / 1000).toFixed(1)} s)`);
}

/**
 * From just before the stop until 15 s after the restart: an API read (GET /api/v1/visits/drafts) sent every
 * 100 ms without waiting for the previous one, so a slow answer does not hide a quick recovery; and the
 * /intake page (a server component) every 500 ms.
 */
async function probe(load: TLoad) {
  const { fault } = load;
  await sleep(Math.max(0, FAULT_AT_S * 1000 - 1000));
  const until = () => (Number.isNaN(fault.readyAt) ? Infinity : fault.readyAt + 15_000);
  const pending: Promise<void>[] = [];
  const pages = (async () => {
    while (now() < until()) {
      const r = await request(load, "page", "GET", "/intake", undefined, { accept: "text/html" });
      load.pageProbe.push({ at: r.started, status: r.status, ms: r.ms, text: r.text });
      await sleep(500);
    }
  })();
  while (now() < until()) {
    pending.push(request(load, "probe", "GET", "/api/v1/visits/drafts").then((r) => void load.apiProbe.push({ at: r.started, status: r.status, ms: r.ms })));
    await sleep(100);
  }
  await Promise.all([pages, ...pending]);
}

/** What a user sees: the /intake page opened in Chromium during the outage, then "Try again" after it. */
async function browserCheck(load: TLoad) {
  const { fault, browserSeen, cookie } = load;
  const { base } = load.system.app;
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

// --- phase: verification in the database -------------------------------------------------------------------

interface TStored {
  /** every acknowledgement, the warm-up's included (an id twice if it was acknowledged twice) */
  everyAcknowledged: string[];
  ids: string[];
  lost: string[];
  auditNotOnce: string[];
  inDb: Record<string, number>;
}

/** Every acknowledged visit must be SUBMITTED, with exactly one submit audit row. */
async function verify(load: TLoad): Promise<TStored> {
  const client = new pg.Client({ connectionString: load.system.database.url });
  await client.connect();
  const everyAcknowledged = [...load.warmupAcknowledged, ...load.acknowledged];
  const ids = [...new Set(everyAcknowledged)];
  const stored = await client.query<{ id: string; status: string }>("SELECT id::text, status::text FROM visits WHERE id = ANY($1::uuid[])", [ids]);
  const audits = await client.query<{ id: string; n: number }>(
    "SELECT entity_id AS id, count(*)::int AS n FROM audit_events WHERE action = 'visit.submit' AND entity_id = ANY($1::text[]) GROUP BY entity_id",
    [ids],
  );
  const totals = await client.query<{ status: string; n: number }>("SELECT status::text, count(*)::int AS n FROM visits GROUP BY status");
  await client.end();
  const submittedIds = new Set(stored.rows.filter((r) => r.status === "SUBMITTED").map((r) => r.id));
  const auditCount = new Map(audits.rows.map((r) => [r.id, r.n]));
  return {
    everyAcknowledged,
    ids,
    lost: ids.filter((id) => !submittedIds.has(id)),
    auditNotOnce: ids.filter((id) => auditCount.get(id) !== 1),
    inDb: Object.fromEntries(totals.rows.map((r) => [r.status, r.n])),
  };
}

// --- phase: report ---------------------------------------------------------------------------------------------

/** A request of the load itself (not a probe). */
function isLoad(s: TSample): boolean {
  return s.kind === "start" || s.kind === "save" || s.kind === "submit";
}

function statusCounts(xs: TSample[]): string {
  const m = new Map<string, number>();
  for (const s of xs) bump(m, `${s.kind} ${s.status || "no answer"}`);
  return [...m].sort().map(([k, v]) => `${k}: ${v}`).join(", ");
}

/** The figures, the problems found (the exit code) and the targets. */
function report(load: TLoad, measured: TMeasured, stored: TStored, preparation: string) {
  const { samples, fault, system } = load;
  if (flags.samples) writeFileSync(flags.samples, JSON.stringify(samples));
  if (process.env.LOAD_SERVER_LOG) writeFileSync(process.env.LOAD_SERVER_LOG, system.app.log.join("\n"));
  const inOutage = (s: TSample) => flags.fault && s.started + s.ms >= fault.stopAt && s.started <= fault.readyAt + 5_000;
  const steady = samples.filter((s) => isLoad(s) && !inOutage(s));
  const throughput = reportLoad(load, measured, stored, preparation, steady);

  const problems: string[] = [];
  if (load.preparationShortfall) problems.push(`${load.preparationShortfall} drafts could not be filled in`);
  if (load.ranOut) problems.push(`${load.ranOut} submitters ran out of prepared drafts (the offered rate was not kept)`);
  if (stored.lost.length) problems.push(`${stored.lost.length} acknowledged submissions lost`);
  if (stored.auditNotOnce.length) problems.push(`${stored.auditNotOnce.length} acknowledged submissions without exactly one submit audit row`);
  if (stored.everyAcknowledged.length !== stored.ids.length) problems.push("a visit was acknowledged twice");
  if (load.bodiesWithStack.length) problems.push(`${load.bodiesWithStack.length} error bodies with a stack trace`);
  const fiveHundreds = samples.filter((s) => s.kind !== "page" && s.status === 500).length;
  if (fiveHundreds) problems.push(`${fiveHundreds} API responses were 500`);
  if (flags.fault) problems.push(...reportFault(load, fiveHundreds));
  else {
    const steadyErrors = steady.filter((s) => !(s.status === 200 || s.status === 201)).length;
    if (steadyErrors) problems.push(`${steadyErrors} error responses`);
  }

  const all = [...steady.map((s) => s.ms)].sort((a, b) => a - b);
  // Issue 20: the app's CPU per acknowledged submission (every worker's user + system time over the window).
  const appCpuMs = (1000 * measured.cpuUsed) / Math.max(1, load.acknowledged.length);
  const targets = [
    [`>= 300 submissions/s`, throughput >= 300],
    [`p95 <= 100 ms`, pct(all, 95) <= 100],
    [`app CPU <= 2.0 ms per submission (${appCpuMs.toFixed(2)} ms)`, appCpuMs <= 2.0],
  ] as const;
  console.log(`targets: ${targets.map(([t, ok]) => `${t}: ${ok ? "met" : "MISSED"}`).join("; ")}`);
  if (problems.length) {
    console.log(`FAILED: ${problems.join("; ")}`);
    console.log(`server errors logged:\n${serverErrors(system.app.log)}`);
    process.exitCode = 1;
  } else {
    console.log("OK: every acknowledged submission is stored exactly once");
    if (flags.strict && targets.some(([, ok]) => !ok)) process.exitCode = 1;
  }
}

/** The run's figures: throughput, latency per request type, responses, errors, the database and CPU. Returns the throughput. */
function reportLoad(load: TLoad, measured: TMeasured, stored: TStored, preparation: string, steady: TSample[]): number {
  const { samples, acknowledged } = load;
  const { wall, cpuUsed, pgCpuUsed, selfCpuUsed, machine } = measured;
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
    `acknowledged submissions: ${acknowledged.length}${RATE === null ? "" : ` of ${load.offered} offered`} -> ${throughput.toFixed(1)} submissions/s` +
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
  console.log(`errors outside the outage window: ${steadyErrors}; retries: ${load.retries}; visits given up: ${[...load.abandoned].map(([k, v]) => `${k}: ${v}`).join(", ") || "none"}${load.conflictsResolved ? `; retried saves that had committed: ${load.conflictsResolved}` : ""}`);
  console.log(`database: ${JSON.stringify(stored.inDb)}; acknowledged ids (warm-up included) ${stored.ids.length} (acknowledged twice: ${stored.everyAcknowledged.length - stored.ids.length}); lost: ${stored.lost.length}; submit audit rows not exactly one: ${stored.auditNotOnce.length}`);
  // A PostgreSQL restarted mid-run (--fault) has new processes: its CPU before the stop is not counted.
  const share = (cpu: number) => (cpu < 0 ? "not measured across the restart" : `${cpu.toFixed(1)} s (${((100 * cpu) / wall).toFixed(0)}% of one core)`);
  console.log(
    `CPU over ${wall.toFixed(1)} s on ${os.cpus().length} cores: app (${WORKERS} worker${WORKERS > 1 ? "s" : ""}) ${share(cpuUsed)}, PostgreSQL ${share(pgCpuUsed)}, this load generator ${share(selfCpuUsed)}; ` +
      `per submission: app ${((1000 * cpuUsed) / Math.max(1, acknowledged.length)).toFixed(1)} ms, PostgreSQL ${pgCpuUsed < 0 ? "-" : ((1000 * pgCpuUsed) / Math.max(1, acknowledged.length)).toFixed(1)} ms`,
  );
  // The whole machine (every process and the kernel): how close to saturated it was, and whether the host took
  // time from this VM (steal), which makes runs of the same code differ.
  console.log(`machine over the window: ${machine}; load average now ${loadAverage()}`);
  return throughput;
}

/** The outage as the clients saw it: responses, hangs, recovery, the page and the browser. Returns its problems. */
function reportFault(load: TLoad, fiveHundreds: number): string[] {
  const { samples, fault, apiProbe, pageProbe, browserSeen } = load;
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
  console.log(`  503 without Retry-After: ${load.missingRetryAfter}; API 500s: ${fiveHundreds}; no answer (reset or ${REQUEST_TIMEOUT_MS / 1000} s timeout): ${hung}; slowest response during the outage ${maxDuring.toFixed(0)} ms`);
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
  const problems: string[] = [];
  if (load.missingRetryAfter) problems.push(`${load.missingRetryAfter} 503s without Retry-After`);
  if (pageStacks) problems.push(`${pageStacks} page bodies with a stack trace`);
  if (hung) problems.push(`${hung} requests got no answer during the outage`);
  if (!(recovery <= 5)) problems.push(`recovery took ${recovery.toFixed(2)} s (target <= 5 s)`);
  return problems;
}
