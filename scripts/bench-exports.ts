// npm run bench:exports [-- --visits 100000 --renders 50 --no-http]
// Figures for the exports on a database of N submitted/signed visits (generated through the engine; kept in the
// embedded "bench" cluster under .data/ and reused by later runs, shared with bench:queue; or DATABASE_URL):
//  - PDF summary: render time p50/p95 over --renders visits (target <= 150 ms), and the whole export
//    (read + audit + render);
//  - queue CSV of every visit: time, time to first byte, size, and peak memory over the baseline, in process
//    through the domain operation's stream, for the whole table and for a tenth of it (flat memory: same peak);
//  - with a production build (.next/BUILD_ID) and without --no-http: the same over HTTP through the real route
//    handlers of `next start`, with the server's own peak RSS.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { DEMO_PASSWORD } from "../lib/db/seed/demo";
import { signInCookie } from "../lib/testing/http-session";
import { productionAppEnv } from "./support/production-env";
import { openBenchDatabase } from "./support/bench-database";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const VISITS = option("visits", 100_000);
const RENDERS = option("renders", 50);
const HTTP = !args.includes("--no-http");
const PORT = String(option("port", Number(process.env.E2E_PORT ?? 3200)));
const log = (line: string) => console.log(`  ${line}`);

const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

// --- database ------------------------------------------------------------------------------------------------
const database = await openBenchDatabase(VISITS, log);
const url = database.url;
let server: ChildProcess | undefined;

try {
  console.log(`database: ${database.where}`);

  // The app's modules read the environment on first use: point them at this database.
  process.env.DATABASE_URL = url;
  const { db } = await import("../lib/db/client");
  const { env } = await import("../lib/env");
  const { ZQueueQuery } = await import("../lib/contracts/queue");
  const { loadVisitSummary } = await import("../lib/server/exports/visit-summary");
  const { exportVisitPdf } = await import("../lib/server/exports/export-visit-pdf");
  const { exportQueueCsv } = await import("../lib/server/exports/export-queue-csv");
  const { renderVisitSummaryPdf } = await import("../lib/export/pdf/visit-summary-pdf");

  const doctor = await db().user.findUniqueOrThrow({ where: { email: "doctor@example.org" }, select: { id: true, email: true, name: true, role: true } });
  const user = { ...doctor, role: doctor.role as "CLINICIAN" };
  const total = await db().visit.count({ where: { status: { in: ["SUBMITTED", "SIGNED"] } } });
  // Wall-clock figures depend on what else runs on the machine: the load average is printed with them, and CPU
  // time of this process (which does not count waiting for the database or for other processes) beside them.
  console.log(`\n${total} submitted or signed visits; node ${process.version}; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const d = process.cpuUsage(since);
    return (d.user + d.system) / 1000;
  };

  // --- PDF ------------------------------------------------------------------------------------------------
  const picks = await db().$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM visits WHERE status IN ('SUBMITTED', 'SIGNED') ORDER BY md5(id::text) LIMIT ${RENDERS}`;
  const summaries = [];
  for (const { id } of picks) summaries.push(await loadVisitSummary(db(), id));
  const opts = { clinicName: env().BACKLINE_CLINIC_NAME, printedBy: user.name, printedAt: new Date().toISOString(), timeZone: env().BACKLINE_TIMEZONE };
  const coldStart = performance.now();
  await renderVisitSummaryPdf(summaries[0]!, opts);
  const cold = performance.now() - coldStart;
  for (const s of summaries.slice(0, 5)) await renderVisitSummaryPdf(s, opts); // warm-up
  const render: number[] = [];
  const renderCpu: number[] = [];
  const sizes: number[] = [];
  for (const s of summaries) {
    const t = performance.now();
    const c = process.cpuUsage();
    const pdf = await renderVisitSummaryPdf(s, opts);
    render.push(performance.now() - t);
    renderCpu.push(cpuMs(c));
    sizes.push(pdf.byteLength);
  }
  const whole: number[] = [];
  for (const { id } of picks) {
    const t = performance.now();
    await exportVisitPdf(user, id);
    whole.push(performance.now() - t);
  }
  console.log(`\nPDF visit summary (${summaries.length} visits, ${summaries.filter((s) => s.signOff).length} signed, ${summaries.filter((s) => s.addenda.length).length} with addenda)`);
  console.log(`  render only:            p50 ${ms(pct(render, 50))}  p95 ${ms(pct(render, 95))}  max ${ms(Math.max(...render))}  (first render in the process, fonts parsed: ${ms(cold)})`);
  console.log(`  render only, CPU time:  p50 ${ms(pct(renderCpu, 50))}  p95 ${ms(pct(renderCpu, 95))}  max ${ms(Math.max(...renderCpu))}`);
  console.log(`  read + audit + render:  p50 ${ms(pct(whole, 50))}  p95 ${ms(pct(whole, 95))}  max ${ms(Math.max(...whole))}`);
  console.log(`  size: p50 ${(pct(sizes, 50) / 1024).toFixed(0)} KB; target <= 150 ms per render: ${pct(render, 95) <= 150 ? "met" : "NOT met"} (p95 wall clock)`);

  // --- CSV in process -----------------------------------------------------------------------------------
  const gc = (globalThis as { gc?: () => void }).gc;
  async function csvInProcess(query: Record<string, string>, measureRetained: boolean) {
    gc?.();
    await sleep(200);
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    const timer = setInterval(sample, 5);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const exp = await exportQueueCsv(user, ZQueueQuery.parse(query));
    const reader = exp.stream.getReader();
    let bytes = 0;
    let first = 0;
    let chunks = 0;
    let retained = base.heapUsed;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!first) first = performance.now() - t0;
      bytes += value.byteLength;
      sample();
      // What is still referenced mid-stream (garbage collected first): flat memory means this does not grow.
      if (measureRetained && gc && ++chunks % 10 === 0) {
        gc();
        retained = Math.max(retained, process.memoryUsage().heapUsed);
      }
    }
    const elapsed = performance.now() - t0;
    clearInterval(timer);
    return { rows: exp.rows, bytes, elapsed, cpu: cpuMs(c0), first, rss: peakRss - base.rss, heap: peakHeap - base.heapUsed, retained: retained - base.heapUsed, baseRss: base.rss };
  }
  const views = [
    ["every visit", { status: "ALL" }],
    ["a tenth (last ~36 days)", { status: "ALL", from: new Date(Date.now() - 36.5 * 86_400_000).toISOString().slice(0, 10) }],
    ["every visit, sorted by patient", { status: "ALL", sort: "patient" }],
  ] as const;
  console.log(`\nQueue CSV, in process (domain operation + cursor stream; the reader keeps up)`);
  for (const [label, query] of views) {
    const r = await csvInProcess(query, false);
    console.log(
      `  ${label.padEnd(32)} ${String(r.rows).padStart(7)} rows ${mb(r.bytes).padStart(8)} in ${(r.elapsed / 1000).toFixed(2)} s (CPU ${(r.cpu / 1000).toFixed(2)} s; first bytes ${ms(r.first)}); ` +
        `peak over baseline: RSS +${mb(r.rss)}, heap +${mb(r.heap)} incl. garbage (baseline RSS ${mb(r.baseRss)})`,
    );
  }
  if (gc) {
    console.log(`  memory held mid-stream (heap after a full GC every 10 chunks, over the baseline; slower run):`);
    for (const [label, query] of views.slice(0, 2)) {
      const r = await csvInProcess(query, true);
      console.log(`    ${label.padEnd(30)} ${String(r.rows).padStart(7)} rows: +${mb(r.retained)}`);
    }
  }

  // --- HTTP, through the real route handlers ----------------------------------------------------------------
  const build = `${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`;
  if (HTTP && existsSync(build)) {
    const base = `http://localhost:${PORT}`;
    // One `next start`, with the client-address preload that `npm start` (scripts/start.mjs) gives every worker.
    server = spawn(process.execPath, ["--require", "./lib/auth/client-address-preload.cjs", "node_modules/next/dist/bin/next", "start", "-p", PORT], {
      env: productionAppEnv({ databaseUrl: url, publicUrl: base, secret: randomBytes(32).toString("base64url") }),
      stdio: ["ignore", "ignore", "inherit"],
    });
    for (let i = 0; i < 120; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      await sleep(500);
    }
    const session = await signInCookie(base, "doctor@example.org", DEMO_PASSWORD);

    /** Resident memory of the server process and its children, from /proc (Linux). */
    const serverRss = () => {
      const pids = [server!.pid!];
      try {
        pids.push(...readFileSync(`/proc/${server!.pid}/task/${server!.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
      } catch {
        /* not Linux */
      }
      return pids.reduce((sum, pid) => {
        try {
          return sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;
        } catch {
          return sum;
        }
      }, 0);
    };

    const pdfHttp: number[] = [];
    for (const [i, { id }] of picks.entries()) {
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/visits/${id}/summary.pdf`, { headers: { Cookie: session } });
      if (res.status !== 200) throw new Error(`summary.pdf answered ${res.status}`);
      await res.arrayBuffer();
      if (i >= 3) pdfHttp.push(performance.now() - t);
    }
    console.log(`\nOver HTTP (next start, real route handlers)`);
    console.log(`  GET summary.pdf:  p50 ${ms(pct(pdfHttp, 50))}  p95 ${ms(pct(pdfHttp, 95))} (${pdfHttp.length} requests after 3 warm-up)`);

    for (const [label, qs] of [
      ["every visit", "status=ALL"],
      ["every visit, sorted by patient", "status=ALL&sort=patient"],
    ] as const) {
      await sleep(500);
      const baseline = serverRss();
      let peak = baseline;
      const timer = setInterval(() => (peak = Math.max(peak, serverRss())), 20);
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/visits/export.csv?${qs}`, { headers: { Cookie: session } });
      if (res.status !== 200) throw new Error(`export.csv answered ${res.status}`);
      const reader = res.body!.getReader();
      let bytes = 0;
      let first = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!first) first = performance.now() - t0;
        bytes += value.byteLength;
      }
      const elapsed = performance.now() - t0;
      clearInterval(timer);
      console.log(
        `  GET export.csv ${label.padEnd(31)} ${res.headers.get("x-total-count")} rows ${mb(bytes)} in ${(elapsed / 1000).toFixed(2)} s (first bytes ${ms(first)}); ` +
          `server RSS ${mb(baseline)} -> peak ${mb(peak)} (+${mb(peak - baseline)})`,
      );
    }
  } else if (HTTP) {
    console.log(`\n(no production build at ${build}: run \`npm run build\` for the HTTP figures)`);
  }
  await db().$disconnect();
} finally {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  await database.stop();
}
