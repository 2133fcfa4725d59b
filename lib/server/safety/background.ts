// Started once per server process (instrumentation.ts): the process's LISTEN connection, and the sweep that
// escalates alerts nobody acknowledged in time. Every worker sweeps; the guarded UPDATE escalates each alert once.
import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { escalateDueAlerts } from "./alerts";
import { eventBus } from "./bus";

const holder = globalThis as unknown as { backlineSafetyLoop?: NodeJS.Timeout };

export function startSafetyLoop(): void {
  if (holder.backlineSafetyLoop) return;
  eventBus()
    .start()
    .catch(() => logger.warn("event listener could not connect yet: retrying", {}));
  let failing = false;
  const sweep = async () => {
    try {
      const escalated = await escalateDueAlerts();
      if (escalated > 0) logger.warn("alerts escalated: nobody acknowledged in time", { escalated });
      if (failing) logger.info("alert escalation sweep working again", {});
      failing = false;
    } catch {
      if (!failing) logger.warn("alert escalation sweep failed: retrying", {});
      failing = true;
    }
  };
  holder.backlineSafetyLoop = setInterval(sweep, env().BACKLINE_ALERT_SWEEP_SECONDS * 1000);
  holder.backlineSafetyLoop.unref();
}
