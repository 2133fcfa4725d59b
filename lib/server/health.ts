import "server-only";
import { databaseReachable } from "@/lib/db/reachable";
import { env } from "@/lib/env";

export interface THealth {
  status: "ok" | "unavailable";
  database: "up" | "down";
  latencyMs: number;
}

/**
 * One round trip to PostgreSQL, bounded in time so a hung database cannot hang the check. The same probe as the
 * one proxy.ts asks before a page (lib/db/reachable.ts): health says down exactly when pages answer 503.
 */
export async function checkHealth(timeoutMs = 2_000, databaseUrl = env().DATABASE_URL): Promise<THealth> {
  const started = performance.now();
  const up = await databaseReachable(databaseUrl, timeoutMs);
  const latencyMs = Math.round(performance.now() - started);
  return up ? { status: "ok", database: "up", latencyMs } : { status: "unavailable", database: "down", latencyMs };
}
