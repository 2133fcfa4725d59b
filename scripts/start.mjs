// npm start: the production server (after `npm run build`), one `next start` worker per CPU core.
//
// Node runs JavaScript on one thread, so one process uses one core however many the machine has. The
// workers share the port (node:cluster's primary hands each new connection to the next worker in turn)
// and the database, and nothing else: sessions are signed tokens, sign-in throttling and everything else
// lives in PostgreSQL, so any worker can answer any request.
//
//   BACKLINE_WORKERS  how many workers (default: the CPU count). Each has its own database pool of
//                     BACKLINE_DB_POOL_SIZE connections.
//   arguments         passed to `next start`, e.g. `npm start -- -p 3000 -H 0.0.0.0`.
//
// A worker that dies is replaced; the others go on serving meanwhile. A worker that dies before it ever
// listened (a bad configuration, the port taken) stops the server with exit code 1: replacing it would
// only fail again. SIGTERM or SIGINT stops every worker the way `next start` stops (requests in flight
// finish). If this process is killed outright, the workers notice the lost channel and exit too.
import cluster from "node:cluster";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath } from "node:url";

const workers = workerCount(process.env.BACKLINE_WORKERS);
const nextCli = createRequire(import.meta.url).resolve("next/dist/bin/next");
// Every worker decides each request's client address from its socket and BACKLINE_TRUSTED_PROXY_HOPS before
// Next.js sees the request (lib/auth/client-address-preload.cjs): the sign-in throttle's address is not the client's to choose.
const preload = fileURLToPath(new URL("../lib/auth/client-address-preload.cjs", import.meta.url));
cluster.setupPrimary({ exec: nextCli, args: ["start", ...process.argv.slice(2)], execArgv: [...process.execArgv, "--require", preload] });

/** Workers that have listened: one that dies after this is replaced, one that dies before is a failed start. */
const listening = new WeakSet();
let stopping = false;

function fork() {
  const worker = cluster.fork();
  worker.once("listening", () => {
    listening.add(worker);
    console.log(`[start] worker ${worker.process.pid} listening`);
  });
  worker.once("exit", (code, signal) => {
    if (stopping) return;
    if (!listening.has(worker)) {
      console.error(`[start] a worker exited before it was ready (${signal ?? `code ${code}`}): stopping`);
      stop(1);
      return;
    }
    console.error(`[start] worker ${worker.process.pid} exited (${signal ?? `code ${code}`}): starting another`);
    fork();
  });
}

function stop(exitCode, signal = "SIGTERM") {
  if (stopping) return;
  stopping = true;
  const live = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
  if (live.length === 0) process.exit(exitCode);
  let left = live.length;
  for (const worker of live) {
    worker.once("exit", () => {
      if (--left === 0) process.exit(exitCode);
    });
    worker.process.kill(signal);
  }
}

process.on("SIGTERM", () => stop(0, "SIGTERM"));
process.on("SIGINT", () => stop(0, "SIGTERM"));

console.log(`[start] ${workers} worker${workers === 1 ? "" : "s"} (BACKLINE_WORKERS; this machine has ${os.availableParallelism()} CPUs)`);
for (let i = 0; i < workers; i++) fork();

/** BACKLINE_WORKERS, or the CPU count; anything but a whole number from 1 to 64 is refused. */
function workerCount(value) {
  if (value === undefined || value === "") return os.availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    console.error(`BACKLINE_WORKERS must be a whole number from 1 to 64 (got "${value}")`);
    process.exit(2);
  }
  return n;
}
