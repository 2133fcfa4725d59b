// Runs once when the server starts (see lib/startup.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfigurationOrExit } = await import("./lib/startup");
    checkConfigurationOrExit();
    // Live events (LISTEN/NOTIFY) and the escalation of unacknowledged alerts, in every worker.
    const { startSafetyLoop } = await import("./lib/server/safety/background");
    startSafetyLoop();
  }
}

/**
 * A page or route failed: one structured log line with the error id the error page shows the user
 * ("Error reference: …", Next's digest) and the route's file path (no URL, no query, no message).
 */
export async function onRequestError(error: unknown, request: { method: string }, context: { routePath: string; routeType: string }) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("./lib/log");
  const digest = typeof error === "object" && error !== null && "digest" in error ? String((error as { digest: unknown }).digest) : undefined;
  logger.error("request failed", { errorId: digest, method: request.method, route: context.routePath, type: context.routeType, error });
}
