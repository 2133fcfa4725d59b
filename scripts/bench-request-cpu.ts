// npm run bench:request-cpu — the app's CPU per request, by kind, with one worker and one request at a time (so
// nothing else competes for the core): GET /api/health (Next's routing and a response, no proxy, no session),
// GET /api/v1/me (plus the proxy, the session and the account re-read) and POST /api/v1/visits/{id}/submit. The
// floors under issue 20's submit target. Like npm run load: its own embedded PostgreSQL and a production build.
//   npm run bench:request-cpu [N=1500 in the environment; PROF=DIR for a CPU profile of the worker]
import { CLINIC_MIX, generateIntakes } from "../lib/db/seed/generate";
import { DEMO_PASSWORD } from "../lib/db/seed/demo";
import { signInCookie } from "../lib/testing/http-session";
import { createRunDatabase, requireProductionBuild, startApp } from "./support/app-server";
import { treeCpuSeconds } from "./support/proc";
import { submitBody } from "./support/http-request";
const N = Number(process.env.N ?? 1500);
requireProductionBuild();
const database = await createRunDatabase({ name: "request-cpu", patients: 200, log: () => {} });
const app = await startApp({ databaseUrl: database.url, workers: 1, nodeArgs: process.env.PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROF}`] : [] });
await app.ready(1);
const cookie = await signInCookie(app.base, "staff@example.org", DEMO_PASSWORD);
const h = { Cookie: cookie, Accept: "application/json", "Content-Type": "application/json" };
const call = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(app.base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const t = await r.text();
  if (!r.ok) throw new Error(`${method} ${path} ${r.status} ${t.slice(0, 200)}`);
  return JSON.parse(t || "{}");
};
const intakes = generateIntakes(N + 200, 7, { ...CLINIC_MIX, blankRate: 0 });
const drafts: { id: string; version: number; intake: Record<string, unknown> }[] = [];
for (let i = 0; i < N + 200; i++) {
  const v = await call("POST", "/api/v1/visits", { patientId: database.patients[i % database.patients.length] });
  drafts.push({ id: v.id, version: v.version, intake: intakes[i] as Record<string, unknown> });
}
const cpu = () => app.workerPids().reduce((a, p) => a + treeCpuSeconds(p), 0);
async function measure(name: string, n: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(200, n); i++) await fn(i);
  const c0 = cpu(); const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn(i + 200);
  const ms = ((cpu() - c0) * 1000) / n;
  console.log(`${name}: app CPU ${ms.toFixed(2)} ms per request, wall ${((performance.now() - t0) / n).toFixed(2)} ms`);
}
await measure("GET /api/health", N, () => fetch(app.base + "/api/health").then((r) => r.text()));
await measure("GET /api/v1/me", N, () => call("GET", "/api/v1/me"));
await measure("POST submit", N, (i) => call("POST", `/api/v1/visits/${drafts[i]!.id}/submit`, submitBody(drafts[i]!.version, drafts[i]!.intake)));
await app.stop();
await database.cluster.stop();
