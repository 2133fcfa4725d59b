import "server-only";
import { db } from "@/lib/db/client";

export interface THealth {
  status: "ok" | "unavailable";
  database: "up" | "down";
  latencyMs: number;
}

/** One round trip to PostgreSQL, bounded in time so a hung database cannot hang the check. */
export async function checkHealth(timeoutMs = 2_000): Promise<THealth> {
  const started = performance.now();
  const probe = db().$queryRaw`SELECT 1`;
  const timeout = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error("health check timed out")), timeoutMs).unref();
  });
  try {
    await Promise.race([probe, timeout]);
    return { status: "ok", database: "up", latencyMs: Math.round(performance.now() - started) };
  } catch {
    probe.catch(() => {});
    return { status: "unavailable", database: "down", latencyMs: Math.round(performance.now() - started) };
  }
}
