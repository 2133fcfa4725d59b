// Is PostgreSQL answering? proxy.ts asks before a signed-in page renders, so that while the database is down
// a page answers 503 with Retry-After and a short page that says so, instead of failing mid-render with a 500.
//
// One connection per process, database URL and time limit, apart from the app's pool: a pool that is busy is not a database
// that is down, and a probe must not queue behind real work. Concurrent callers share one probe, which takes at
// most `timeoutMs`, so a database that hangs cannot hang a page either.
import pg from "pg";

interface TProbe {
  pool: pg.Pool;
  inFlight: Promise<boolean> | null;
}

// On globalThis: Next bundles the proxy and the routes separately, and dev reloads modules.
const holder = globalThis as unknown as { backlineProbes?: Map<string, TProbe> };

export function databaseReachable(databaseUrl: string, timeoutMs = 2_000): Promise<boolean> {
  const probes = (holder.backlineProbes ??= new Map());
  const key = `${timeoutMs} ${databaseUrl}`;
  let probe = probes.get(key);
  if (!probe) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, idleTimeoutMillis: 60_000 });
    // A dropped idle connection (PostgreSQL restarting) must not crash the process; the next probe reconnects.
    pool.on("error", () => {});
    probe = { pool, inFlight: null };
    probes.set(key, probe);
  }
  const current = probe;
  current.inFlight ??= current.pool
    .query("SELECT 1")
    .then(
      () => true,
      () => false,
    )
    .finally(() => {
      current.inFlight = null;
    });
  return current.inFlight;
}
