// npm run bench:events — many clinicians' live views on GET /api/v1/events (Server-Sent Events) while staff
// submit, against a production build: event delivery latency, memory per open stream, and that a client whose
// worker dies misses nothing once it reconnects with Last-Event-ID.
//
//   npm run bench:events -- [--clients 500] [--workers 2] [--rate 50] [--duration 30] [--kill-at DURATION/2]
//                           [--baseline 10] [--warmup 5] [--heartbeat 15] [--request-timeout 10]
//
// Like npm run load (and with its helpers, scripts/support/): its own embedded PostgreSQL (.data/events-pg, a fresh
// database per run) and the app as `npm start` runs it (scripts/start.mjs, --workers `next start` workers sharing
// one port) from the existing build (`npm run build` first; NEXT_DIST_DIR is honoured). Then:
//  1. warm-up and baseline: --rate submissions/s (start a visit, submit a generated intake, as staff) for
//     --warmup s (not counted) and --baseline s with no stream open: the submit latency without clients;
//  2. the workers' resident memory (VmRSS) before and after --clients streams are opened as a clinician (one
//     sign-in cookie; the start script's primary hands each new connection to the next worker in turn);
//  3. --rate submissions/s for --duration s. Each client records when each event arrived; at --kill-at s one
//     worker is killed (SIGKILL, the start script starts another): its clients see their stream end and, after
//     the stream's `retry:` delay, reconnect with Last-Event-ID = the last id they received, as EventSource does;
//  4. every client's visit.submitted (and other) event ids are compared with the rows of the `events` table
//     written during the run, read from PostgreSQL directly; then the app is stopped (SIGTERM) with the streams
//     still open, which must end them.
// Delivery latency is the time a client received a visit's visit.submitted event minus the time the submit's
// response was received (also from when the request was sent), over every (client, event) delivery.
// Exits non-zero on a broken run (errors, missed events, clients that did not reconnect), not on a missed target.
import http from "node:http";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { CLINIC_MIX, generateIntakes } from "../lib/db/seed/generate";
import { DEMO_PASSWORD } from "../lib/db/seed/demo";
import { signInCookie } from "../lib/testing/http-session";
import { createRunDatabase, requireProductionBuild, serverErrors, startApp } from "./support/app-server";
import { httpRequester, sendUntil, submitBody } from "./support/http-request";
import { line, pct, sorted } from "./support/latency";
import { connectionOwners, loadAverage, machineTicks, machineUse, postgresCpuSeconds, rssBytes, selfCpuSeconds, treeCpuSeconds } from "./support/proc";

const { values: flags } = parseArgs({
  options: {
    clients: { type: "string", default: "500" },
    workers: { type: "string", default: "2" },
    /** submissions per second, offered on a fixed schedule (open model) */
    rate: { type: "string", default: "50" },
    duration: { type: "string", default: "30" },
    /** seconds into the run at which one worker is killed (default: half the duration) */
    "kill-at": { type: "string" },
    /** seconds of submissions with no stream open, for the submit latency without clients (0: skip) */
    baseline: { type: "string", default: "10" },
    warmup: { type: "string", default: "5" },
    /** BACKLINE_EVENTS_HEARTBEAT_SECONDS of the workers */
    heartbeat: { type: "string", default: "15" },
    "request-timeout": { type: "string", default: "10" },
  },
});

function option(name: keyof typeof flags, min: number, max: number, whole = false, fallback?: number): number {
  const raw = flags[name];
  const value = raw === undefined ? fallback! : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
    console.error(`--${name} must be ${whole ? "a whole number" : "a number"} from ${min} to ${max} (got "${raw}")`);
    process.exit(2);
  }
  return value;
}
const CLIENTS = option("clients", 1, 10_000, true);
// Two at least: the killed worker's clients reconnect to another while the start script replaces it.
const WORKERS = option("workers", 2, 64, true);
const RATE = option("rate", 0.1, 1000);
const DURATION_S = option("duration", 5, 3600);
const KILL_AT_S = option("kill-at", 1, DURATION_S - 1, false, Math.floor(DURATION_S / 2));
const BASELINE_S = option("baseline", 0, 600);
const WARMUP_S = option("warmup", 0, 600);
const HEARTBEAT_S = option("heartbeat", 0.5, 120);
const REQUEST_TIMEOUT_MS = option("request-timeout", 1, 120) * 1000;
/** streams opened at the same time while connecting the clients */
const CONNECT_CONCURRENCY = 50;
/** a submission still retrying this long after its phase ended gives up (and counts as failed) */
const GRACE_MS = 30_000;
/** after the last submission, how long the clients get to receive every event */
const DRAIN_MS = 15_000;
const MAX_IN_FLIGHT = 200;
const PATIENTS = 500;

requireProductionBuild();

const log = (text: string) => console.log(`[bench:events] ${text}`);
const t0 = performance.now();
/** ms since the start, the one clock of every figure */
const now = () => performance.now() - t0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const today = new Date().toISOString().slice(0, 10);
const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const ms = (x: number) => `${x.toFixed(0)} ms`;


// --- the clients -------------------------------------------------------------------------------------------

/** One clinician's live view: an SSE stream that reconnects with Last-Event-ID after its `retry:` delay. */
class SseClient {
  /** event id -> when it first arrived (ms on `now`) */
  readonly received = new Map<number, number>();
  /** ids that arrived on a reconnected stream before its `ready` frame: the replay */
  readonly replayed = new Set<number>();
  duplicates = 0;
  heartbeats = 0;
  resets = 0;
  badFrames = 0;
  connects = 0;
  /** stream ends not asked for by this client */
  drops = 0;
  droppedAt = NaN;
  /** when the last reconnect got its `ready` frame */
  reconnectedAt = NaN;
  failedReconnects = 0;
  error: string | null = null;
  lastEventId: string | null = null;
  retryMs = 2000;
  /** the worker process serving the current stream, and the stream's local port */
  workerPid = 0;
  localPort = 0;
  /** the benchmark is over: no reconnecting (the server ending the stream is still noted) */
  closing = false;
  endedByServerAt = NaN;
  private ready = false;
  private req: http.ClientRequest | null = null;

  constructor(
    readonly index: number,
    private readonly cookie: string,
    /** check every frame's fields (one client does) */
    private readonly validate: boolean,
  ) {}

  /** Open the stream; resolves at its `ready` frame, rejects if it fails first. */
  open(): Promise<void> {
    this.connects += 1;
    this.ready = false;
    const reconnect = this.connects > 1;
    return new Promise((resolve, reject) => {
      let gone = false;
      const ended = (why: string) => {
        if (gone) return;
        gone = true;
        if (!this.ready) reject(new Error(why));
        else this.dropped();
      };
      const req = http.request({
        host: "127.0.0.1",
        port: app.port,
        path: "/api/v1/events",
        // One connection per stream, so the start script's primary spreads them over the workers.
        agent: false,
        headers: { cookie: this.cookie, accept: "text/event-stream", ...(this.lastEventId ? { "last-event-id": this.lastEventId } : {}) },
      });
      this.req = req;
      req.setTimeout(30_000, () => req.destroy(new Error("no ready frame within 30 s")));
      req.on("error", (e: NodeJS.ErrnoException) => ended(e.code ?? e.message));
      req.on("response", (res) => {
        if (res.statusCode !== 200 || !String(res.headers["content-type"]).startsWith("text/event-stream")) {
          res.resume();
          ended(`status ${res.statusCode} ${res.headers["content-type"]}`);
          return;
        }
        this.localPort = res.socket.localPort ?? 0;
        res.setEncoding("utf8");
        let buffer = "";
        res.on("data", (chunk: string) => {
          const at = now();
          buffer += chunk;
          for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (this.frame(frame, at, reconnect)) {
              this.ready = true;
              req.setTimeout(0);
              resolve();
            }
          }
        });
        res.on("error", (e: NodeJS.ErrnoException) => ended(e.code ?? e.message));
        res.on("close", () => ended("stream ended"));
      });
      req.end();
    });
  }

  /** One frame; true for `ready`. */
  private frame(text: string, at: number, reconnect: boolean): boolean {
    let id: string | undefined;
    let event = "message";
    let data: string | undefined;
    for (const field of text.split("\n")) {
      if (field.startsWith("id: ")) id = field.slice(4);
      else if (field.startsWith("event: ")) event = field.slice(7);
      else if (field.startsWith("data: ")) data = field.slice(6);
      else if (field.startsWith("retry: ")) this.retryMs = Number(field.slice(7));
    }
    if (id !== undefined) this.lastEventId = id;
    if (event === "ready") return true;
    if (event === "heartbeat") {
      this.heartbeats += 1;
      return false;
    }
    if (event === "reset") {
      this.resets += 1;
      return false;
    }
    if (id === undefined) return false;
    if (this.validate && !validFrame(id, event, data)) this.badFrames += 1;
    const n = Number(id);
    if (this.received.has(n)) {
      this.duplicates += 1;
      return false;
    }
    this.received.set(n, at);
    if (reconnect && !this.ready) this.replayed.add(n);
    return false;
  }

  private dropped(): void {
    if (this.closing) {
      this.endedByServerAt = now();
      return;
    }
    this.drops += 1;
    this.droppedAt = now();
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 0; attempt < 20 && !this.closing; attempt++) {
      await sleep(this.retryMs);
      if (this.closing) return;
      try {
        await this.open();
        this.reconnectedAt = now();
        this.error = null;
        return;
      } catch (error) {
        this.failedReconnects += 1;
        this.error = `reconnect: ${(error as Error).message}`;
      }
    }
  }

  /** Stop for good (no reconnect) and drop the connection. */
  close(): void {
    this.closing = true;
    this.req?.destroy();
  }

  /** Stop reconnecting, leaving the stream open (the server is about to end it). */
  stopReconnecting(): void {
    this.closing = true;
  }

  get isReady(): boolean {
    return this.ready;
  }
}

const FRAME_KEYS = "id,at,kind,visitId,urgency,alertId";
function validFrame(id: string, event: string, data: string | undefined): boolean {
  try {
    const d = JSON.parse(data ?? "") as Record<string, unknown>;
    return Object.keys(d).join(",") === FRAME_KEYS && d.id === id && d.kind === event && typeof d.visitId === "string" && !Number.isNaN(Date.parse(String(d.at)));
  } catch {
    return false;
  }
}

// --- the run -----------------------------------------------------------------------------------------------

interface TSubmission {
  visitId: string;
  /** when the first submit request was sent, and when the last one's answer came (ms on `now`) */
  sentAt: number;
  answeredAt: number;
  /** the answered request's own time */
  ms: number;
  retried: boolean;
}

interface TPhase {
  name: string;
  start: number;
  end: number;
  submissions: TSubmission[];
  /** slots that started more than 100 ms late (the generator could not keep the rate) */
  late: number;
  cpu: { app: number; postgres: number; self: number; machine: string };
}

async function run(): Promise<boolean> {
  const staffCookie = await signInCookie(app.base, "staff@example.org", DEMO_PASSWORD);
  const clinicianCookie = await signInCookie(app.base, "doctor@example.org", DEMO_PASSWORD);
  const intakes = generateIntakes(500, 7, { ...CLINIC_MIX, visitDate: today });
  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT + 8, scheduling: "fifo" });
  const send = httpRequester({ port: app.port, agent, cookie: staffCookie, timeoutMs: REQUEST_TIMEOUT_MS, now });
  const failures = new Map<string, number>();
  let retries = 0;
  let giveUpAt = Infinity;
  let seq = 0;
  const sql = new pg.Client({ connectionString: database.url });
  sql.on("error", () => {});
  await sql.connect();
  const maxEventId = async () => BigInt((await sql.query<{ id: string | null }>("SELECT max(id)::text AS id FROM events")).rows[0]?.id ?? "0");

  /** As staff do: start a visit, submit the whole intake (retrying what is transient; submit is idempotent). */
  async function submitOne(n: number, sink: TSubmission[]): Promise<void> {
    const retry = { giveUp: () => now() > giveUpAt, onRetry: () => void (retries += 1) };
    const started = (await sendUntil(() => send("POST", "/api/v1/visits", { patientId: database.patients[n % database.patients.length]! }), 201, retry)).res;
    if (started.status !== 201) return void bump(failures, `start ${started.status || started.error}`);
    const visit = JSON.parse(started.text) as { id: string; version: number };
    const body = submitBody(visit.version, intakes[(n * 31) % intakes.length]!);
    let sentAt = NaN;
    const attempt = async () => {
      const r = await send("POST", `/api/v1/visits/${visit.id}/submit`, body);
      if (Number.isNaN(sentAt)) sentAt = r.started;
      return r;
    };
    const { res, retried } = await sendUntil(attempt, 200, retry);
    if (res.status !== 200) return void bump(failures, `submit ${res.status || res.error}`);
    sink.push({ visitId: visit.id, sentAt, answeredAt: res.started + res.ms, ms: res.ms, retried });
  }

  /** RATE submissions per second for `seconds`, on a fixed schedule, at most MAX_IN_FLIGHT at a time. */
  async function phase(name: string, seconds: number, alongside: Promise<unknown>[] = []): Promise<TPhase> {
    const cpu = { app: treeCpuSeconds(app.process.pid!), postgres: postgresCpuSeconds(database.cluster.dataDir), self: process.cpuUsage(), machine: machineTicks() };
    const start = now();
    giveUpAt = start + seconds * 1000 + GRACE_MS;
    const submissions: TSubmission[] = [];
    const inFlight = new Set<Promise<void>>();
    let late = 0;
    for (let i = 0; i < Math.round(seconds * RATE); i++) {
      const slot = start + (i * 1000) / RATE;
      if (slot > now()) await sleep(slot - now());
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      if (now() - slot > 100) late += 1;
      const p: Promise<void> = submitOne(seq++, submissions).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all([...inFlight, ...alongside]);
    const end = now();
    return {
      name,
      start,
      end,
      submissions,
      late,
      cpu: {
        app: treeCpuSeconds(app.process.pid!) - cpu.app,
        postgres: postgresCpuSeconds(database.cluster.dataDir) - cpu.postgres,
        self: selfCpuSeconds(cpu.self),
        machine: machineUse(cpu.machine),
      },
    };
  }

  // 1. Warm-up and the baseline without streams.
  if (WARMUP_S > 0) {
    log(`warm-up: ${RATE} submissions/s for ${WARMUP_S} s, no streams (not counted)`);
    await phase("warm-up", WARMUP_S);
  }
  let baseline: TPhase | null = null;
  if (BASELINE_S > 0) {
    log(`baseline: ${RATE} submissions/s for ${BASELINE_S} s, no streams`);
    baseline = await phase("baseline", BASELINE_S);
    log(`baseline: ${line("submit", baseline.submissions.map((s) => s.ms))}`);
  }

  // 2. Memory before and after the streams open.
  await sleep(2_000);
  const workersAtStart = app.workerPids();
  const rssBefore = await workerRss(workersAtStart);
  const firstRunId = await maxEventId();
  log(`opening ${CLIENTS} streams as a clinician, ${CONNECT_CONCURRENCY} at a time`);
  const connectStarted = now();
  const connectMs: number[] = [];
  let nextClient = 0;
  for (let i = 0; i < CLIENTS; i++) clients.push(new SseClient(i, clinicianCookie, i === 0));
  const connectErrors = new Map<string, number>();
  await Promise.all(
    Array.from({ length: Math.min(CONNECT_CONCURRENCY, CLIENTS) }, async () => {
      while (nextClient < clients.length) {
        const client = clients[nextClient++]!;
        const started = now();
        await client.open().then(
          () => connectMs.push(now() - started),
          (error: Error) => {
            client.error = `connect: ${error.message}`;
            bump(connectErrors, error.message);
          },
        );
      }
    }),
  );
  const connectSeconds = (now() - connectStarted) / 1000;
  const owners = connectionOwners(app.port, workersAtStart);
  for (const c of clients) c.workerPid = owners.get(c.localPort) ?? 0;
  const perWorker = new Map<number, number>(workersAtStart.map((pid) => [pid, 0]));
  for (const c of clients) if (c.isReady) perWorker.set(c.workerPid, (perWorker.get(c.workerPid) ?? 0) + 1);
  const connected = clients.filter((c) => c.isReady).length;
  log(`${connected} of ${CLIENTS} streams ready in ${connectSeconds.toFixed(1)} s (${line("connect", connectMs).trim()}); per worker: ${[...perWorker].map(([pid, n]) => `${pid || "unknown"}: ${n}`).join(", ")}`);
  await sleep(2_000);
  const rssConnected = await workerRss(workersAtStart);

  // 3. Submissions with every stream open; one worker killed midway.
  const kill = { pid: 0, at: NaN, clients: 0, replacementPid: 0, replacementListeningAt: NaN, replacementReadyAt: NaN };
  const forceReconnect = async () => {
    await sleep(KILL_AT_S * 1000);
    // The worker with the most streams.
    kill.pid = [...perWorker].filter(([pid]) => pid).sort((a, b) => b[1] - a[1])[0]?.[0] ?? workersAtStart[0]!;
    kill.clients = perWorker.get(kill.pid) ?? 0;
    const listening = app.log.filter((l) => /\[start\] worker \d+ listening/.test(l)).length;
    const readies = app.log.filter((l) => l.includes("Ready in")).length;
    kill.at = now();
    log(`t=${((kill.at - runStart) / 1000).toFixed(1)} s: SIGKILL worker ${kill.pid} (${kill.clients} streams)`);
    process.kill(kill.pid, "SIGKILL");
    for (const until = now() + 120_000; now() < until; ) {
      const lines = app.log.filter((l) => /\[start\] worker \d+ listening/.test(l));
      if (lines.length > listening && Number.isNaN(kill.replacementListeningAt)) {
        kill.replacementListeningAt = now();
        kill.replacementPid = Number(/worker (\d+)/.exec(lines.at(-1)!)![1]);
      }
      if (app.log.filter((l) => l.includes("Ready in")).length > readies) kill.replacementReadyAt = now();
      if (!Number.isNaN(kill.replacementListeningAt) && !Number.isNaN(kill.replacementReadyAt)) break;
      await sleep(100);
    }
    log(`replacement worker ${kill.replacementPid || "?"} listening ${((kill.replacementListeningAt - kill.at) / 1000).toFixed(1)} s after the kill`);
  };
  log(`run: ${RATE} submissions/s for ${DURATION_S} s with ${connected} streams open; one worker killed at ${KILL_AT_S} s`);
  const runStart = now();
  const loaded = await phase("with streams", DURATION_S, [forceReconnect()]);
  log(`run: ${line("submit", loaded.submissions.map((s) => s.ms))}`);

  // Every dropped client back (or given up), then every event received (or the drain time over).
  const expectedRows = async () =>
    (
      await sql.query<{ id: string; kind: string; visit_id: string }>("SELECT id::text, kind, visit_id::text FROM events WHERE id > $1::bigint ORDER BY id", [
        firstRunId.toString(),
      ])
    ).rows;
  let rows = await expectedRows();
  const drainStarted = now();
  for (;;) {
    const reconnecting = clients.filter((c) => c.drops > 0 && !c.isReady && c.failedReconnects < 20).length;
    const incomplete = clients.filter((c) => !c.error && rows.some((r) => !c.received.has(Number(r.id)))).length;
    if ((reconnecting === 0 && incomplete === 0) || now() - drainStarted > DRAIN_MS) break;
    await sleep(250);
  }
  rows = await expectedRows();
  const drainMs = now() - drainStarted;
  const rssAfterRun = await workerRss(app.workerPids());

  // 4. Stop the app with the streams open: they must end (SIGTERM), not hold the workers up.
  for (const c of clients) c.stopReconnecting();
  const openAtStop = clients.filter((c) => c.isReady).length;
  const stopStarted = now();
  const stopped = await app.stop(30_000);
  const stopMs = now() - stopStarted;
  await sleep(200);
  const endedByServer = clients.filter((c) => !Number.isNaN(c.endedByServerAt)).length;
  agent.destroy();
  await sql.end();

  // --- figures ----------------------------------------------------------------------------------------------
  const submitted = rows.filter((r) => r.kind === "visit.submitted");
  const otherRows = rows.filter((r) => r.kind !== "visit.submitted");
  const bySubmission = new Map(loaded.submissions.map((s) => [s.visitId, s]));
  const eventVisit = new Map(submitted.map((r) => [Number(r.id), r.visit_id]));
  const visitsWithEvent = new Map<string, number>();
  for (const r of submitted) visitsWithEvent.set(r.visit_id, (visitsWithEvent.get(r.visit_id) ?? 0) + 1);
  const acknowledgedWithoutEvent = loaded.submissions.filter((s) => !visitsWithEvent.has(s.visitId)).length;
  const eventsPerVisitNotOne = [...visitsWithEvent.values()].filter((n) => n !== 1).length;
  /** submissions answered between the kill and a second after every killed worker's client was back */
  const reconnected = clients.filter((c) => c.drops > 0);
  const windowEnd = Math.max(kill.replacementListeningAt, ...reconnected.map((c) => c.reconnectedAt).filter((t) => !Number.isNaN(t))) + 1000;
  const inKillWindow = (s: TSubmission) => s.answeredAt >= kill.at && s.answeredAt <= windowEnd;

  const fromAnswer = { steady: [] as number[], all: [] as number[], replayed: [] as number[] };
  const fromSent = { steady: [] as number[], all: [] as number[] };
  let beforeAnswer = 0;
  const missed = { submitted: 0, other: 0, clients: 0, reconnectedClients: 0 };
  let duplicates = 0;
  let replayedCount = 0;
  for (const c of clients) {
    let clientMissed = 0;
    for (const r of submitted) if (!c.received.has(Number(r.id))) clientMissed += 1;
    for (const r of otherRows) if (!c.received.has(Number(r.id))) missed.other += 1;
    missed.submitted += clientMissed;
    if (clientMissed) {
      missed.clients += 1;
      if (c.drops > 0) missed.reconnectedClients += 1;
    }
    duplicates += c.duplicates;
    replayedCount += c.replayed.size;
    for (const [id, at] of c.received) {
      const visitId = eventVisit.get(id);
      const s = visitId === undefined ? undefined : bySubmission.get(visitId);
      if (!s) continue;
      const latency = at - s.answeredAt;
      if (latency < 0) beforeAnswer += 1;
      fromAnswer.all.push(latency);
      fromSent.all.push(at - s.sentAt);
      if (c.replayed.has(id)) fromAnswer.replayed.push(latency);
      else if (!inKillWindow(s)) {
        fromAnswer.steady.push(latency);
        fromSent.steady.push(at - s.sentAt);
      }
    }
  }
  const steadySorted = sorted(fromAnswer.steady);
  const latencyP95 = pct(steadySorted, 95);
  const baselineSubmit = sorted((baseline?.submissions ?? []).filter((s) => !s.retried).map((s) => s.ms));
  const loadedSubmit = sorted(loaded.submissions.filter((s) => !s.retried && !inKillWindow(s)).map((s) => s.ms));
  const submitP95Ratio = pct(loadedSubmit, 95) / pct(baselineSubmit, 95);
  const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const extraBytes = sum(rssConnected) - sum(rssBefore);
  const perConnection = extraBytes / Math.max(1, connected);
  const thousand = (perConnection * 1000) / 1024 / 1024;
  const survivors = workersAtStart.filter((pid) => pid !== kill.pid);
  const survivorGrowth = survivors.reduce((a, pid) => a + (rssAfterRun.get(pid) ?? NaN) - (rssConnected.get(pid) ?? NaN), 0);
  const heartbeats = clients.reduce((a, c) => a + c.heartbeats, 0);
  const badFrames = clients.reduce((a, c) => a + c.badFrames, 0);
  const resets = clients.reduce((a, c) => a + c.resets, 0);
  const clientErrors = clients.filter((c) => c.error).length;
  const lostClients = kill.clients - reconnected.filter((c) => !Number.isNaN(c.reconnectedAt)).length;
  const fiveHundreds = app.log.filter((l) => l.includes('"status":500')).length;
  const reconnectMs = reconnected.map((c) => c.reconnectedAt - c.droppedAt).filter((x) => !Number.isNaN(x));
  const runSeconds = (loaded.end - loaded.start) / 1000;
  const cpuLine = (p: TPhase) => {
    const s = (p.end - p.start) / 1000;
    const share = (cpu: number) => `${cpu.toFixed(1)} s (${((100 * cpu) / s).toFixed(0)}% of a core)`;
    return `app ${share(p.cpu.app)}, PostgreSQL ${share(p.cpu.postgres)}, this benchmark ${share(p.cpu.self)}; machine ${p.cpu.machine}`;
  };
  const met = (ok: boolean) => (ok ? "met" : "MISSED");

  console.log("");
  console.log(
    `=== bench:events: ${connected} SSE clients (clinician) on ${WORKERS} workers, ${RATE} submissions/s for ${DURATION_S} s; worker ${kill.pid} (${kill.clients} streams) SIGKILLed at ${KILL_AT_S} s; heartbeat ${HEARTBEAT_S} s`,
  );
  const rows_: [string, string, string][] = [
    ["clients", `${connected} of ${CLIENTS} connected in ${connectSeconds.toFixed(1)} s (connect p50 ${ms(pct(sorted(connectMs), 50))}, p95 ${ms(pct(sorted(connectMs), 95))}); per worker ${[...perWorker].map(([pid, n]) => `${pid}: ${n}`).join(", ")}`, ""],
    ["submissions", `${loaded.submissions.length} acknowledged of ${Math.round(DURATION_S * RATE)} offered (${(loaded.submissions.length / DURATION_S).toFixed(1)}/s; ${loaded.late} started >100 ms late); ${submitted.length} visit.submitted + ${otherRows.length} other events in the table`, ""],
    ["delivery latency", `response -> event, live, outside the kill window: n=${steadySorted.length} p50 ${ms(pct(steadySorted, 50))} p95 ${ms(latencyP95)} p99 ${ms(pct(steadySorted, 99))} max ${ms(steadySorted.at(-1) ?? NaN)}`, `p95 <= 1000 ms: ${met(latencyP95 <= 1000)}`],
    ["", line("sent->ev", fromSent.steady).trim() + "  (from the submit request sent)", ""],
    ["", line("all", fromAnswer.all).trim() + `  (every delivery, kill window and replays included; ${beforeAnswer} arrived before the submit's response)`, ""],
    ["", line("replayed", fromAnswer.replayed).trim() + "  (received in a reconnect's replay)", ""],
    [
      "memory (VmRSS)",
      `workers ${mb(sum(rssBefore))} MB before the streams, ${mb(sum(rssConnected))} MB with ${connected} open: +${mb(extraBytes)} MB = ${(perConnection / 1024).toFixed(1)} KB per connection` +
        ` (${[...rssConnected].map(([pid, b]) => `${pid}: +${mb(b - (rssBefore.get(pid) ?? 0))} MB`).join(", ")})`,
      "",
    ],
    [
      "",
      `1,000 clients on ${WORKERS} workers: ${thousand.toFixed(1)} MB (extrapolated from the ${connected} measured; run --clients 1000 to measure it)`,
      `<= 50 MB: ${met(thousand <= 50)}`,
    ],
    ["", `after the run: surviving worker${survivors.length > 1 ? "s" : ""} ${survivorGrowth >= 0 ? "+" : ""}${mb(survivorGrowth)} MB since the streams opened (${runSeconds.toFixed(0)} s of events)`, ""],
    [
      "forced reconnect",
      `${reconnected.length} clients saw their stream end, ${reconnected.length - lostClients} reconnected with Last-Event-ID (stream end -> ready p50 ${ms(pct(sorted(reconnectMs), 50))}, max ${ms(reconnectMs.length ? Math.max(...reconnectMs) : NaN)}; retry ${clients[0]?.retryMs ?? "?"} ms); replacement listening ${((kill.replacementListeningAt - kill.at) / 1000).toFixed(1)} s after the kill; ${replayedCount} events replayed, ${duplicates} duplicates dropped`,
      "",
    ],
    ["events missed", `after forced reconnect: ${missed.submitted} visit.submitted${missed.submitted ? ` (${missed.clients} clients, ${missed.reconnectedClients} of them reconnected)` : ""}, ${missed.other} other events; all drained ${(drainMs / 1000).toFixed(1)} s after the last submission`, `target 0: ${met(missed.submitted === 0 && missed.other === 0)}`],
    [
      "submit p95",
      `without clients ${baseline ? ms(pct(baselineSubmit, 95)) : "not measured (--baseline 0)"} (n=${baselineSubmit.length}), with ${connected} clients ${ms(pct(loadedSubmit, 95))} (n=${loadedSubmit.length}, kill window excluded): ${Number.isFinite(submitP95Ratio) ? `${submitP95Ratio >= 1 ? "+" : ""}${((submitP95Ratio - 1) * 100).toFixed(0)}%` : "-"}`,
      baseline ? `within 10%: ${met(submitP95Ratio <= 1.1)}` : "",
    ],
    ["", `p50 without ${ms(pct(baselineSubmit, 50))}, with ${ms(pct(loadedSubmit, 50))}`, ""],
    ["CPU", `baseline: ${baseline ? cpuLine(baseline) : "-"}`, ""],
    ["", `with streams: ${cpuLine(loaded)}`, ""],
    ["shutdown", `SIGTERM with ${openAtStop} streams open: ${stopped ? `app exited in ${(stopMs / 1000).toFixed(1)} s` : "app still running after 30 s"}; ${endedByServer} streams ended by the server`, ""],
    ["frames", `${heartbeats} heartbeats; ${badFrames} malformed frames (client 0 checks every frame); ${resets} resets; ${clientErrors} clients with an error`, ""],
  ];
  const w0 = Math.max(...rows_.map((r) => r[0].length));
  for (const [a, b, c] of rows_) console.log(`${a.padEnd(w0)}  ${b}${c ? `   [${c}]` : ""}`);

  const problems: string[] = [];
  if (connected < CLIENTS) problems.push(`${CLIENTS - connected} clients did not connect (${[...connectErrors].map(([k, v]) => `${k}: ${v}`).join(", ")})`);
  if (failures.size) problems.push(`submissions failed: ${[...failures].map(([k, v]) => `${k}: ${v}`).join(", ")}`);
  if (missed.submitted || missed.other) problems.push(`${missed.submitted + missed.other} events missed`);
  if (acknowledgedWithoutEvent) problems.push(`${acknowledgedWithoutEvent} acknowledged submissions without a visit.submitted row`);
  if (eventsPerVisitNotOne) problems.push(`${eventsPerVisitNotOne} visits with more than one visit.submitted row`);
  if (!kill.pid || !kill.clients) problems.push("no worker with streams was killed");
  if (lostClients > 0) problems.push(`${lostClients} clients of the killed worker did not reconnect`);
  if (Number.isNaN(kill.replacementListeningAt)) problems.push("the killed worker was not replaced");
  if (clientErrors) problems.push(`${clientErrors} clients with an error (${clients.find((c) => c.error)?.error})`);
  if (badFrames) problems.push(`${badFrames} malformed frames`);
  if (resets) problems.push(`${resets} reset frames (replay over its limit)`);
  if (!stopped) problems.push("the app did not stop within 30 s of SIGTERM with streams open");
  if (fiveHundreds) problems.push(`${fiveHundreds} responses were 500`);
  if (problems.length) {
    console.log(`FAILED: ${problems.join("; ")}`);
    console.log(`server errors logged:\n${serverErrors(app.log)}`);
    return false;
  }
  console.log(`OK: every client received every event of the run (${submitted.length + otherRows.length} x ${connected}); load average now ${loadAverage()}`);
  return true;
}

/** VmRSS of each pid: the median of 5 readings 200 ms apart. */
async function workerRss(pids: number[]): Promise<Map<number, number>> {
  const readings = new Map<number, number[]>(pids.map((p) => [p, []]));
  for (let i = 0; i < 5; i++) {
    for (const pid of pids) readings.get(pid)!.push(rssBytes(pid));
    await sleep(200);
  }
  return new Map([...readings].map(([pid, xs]) => [pid, xs.sort((a, b) => a - b)[2]!]));
}

// --- main (last: the classes and functions above are defined by now) ---------------------------------------

log(`machine: ${os.cpus().length} CPUs, load average ${loadAverage()} before start (shared with other work)`);
const database = await createRunDatabase({ name: "events", patients: PATIENTS, log });
const app = await startApp({ databaseUrl: database.url, workers: WORKERS, env: { BACKLINE_EVENTS_HEARTBEAT_SECONDS: String(HEARTBEAT_S) } });
const clients: SseClient[] = [];
try {
  await app.ready(WORKERS);
  process.exitCode = (await run()) ? 0 : 1;
} catch (error) {
  console.error(error);
  console.error(`server log (last lines):\n${app.log.slice(-20).join("\n")}`);
  process.exitCode = 1;
} finally {
  for (const c of clients) c.close();
  await app.stop();
  await database.cluster.dropDatabase(database.name).catch(() => {});
  await database.cluster.stop();
}
