// Recognises "the database cannot be reached" among the errors pg and Prisma raise, so the
// app can answer 503 (retry later) rather than 500 (our bug). That includes a database too busy to
// serve in time: a transaction that could not start or ran out of time is rolled back, so nothing was
// written and the request can simply be sent again.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN",
  "57P01", "57P02", "57P03", // admin_shutdown, crash_shutdown, cannot_connect_now
  "53300", // too_many_connections
  "08000", "08001", "08003", "08004", "08006", // connection exceptions
  "P1001", "P1002", "P1017", "P2024", // Prisma: can't reach, timed out, closed, pool timeout
  "P2028", // Prisma transaction API: could not start in time (maxWait), or expired (timeout) and rolled back
]);

const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connect ECONNREFUSED/i,
  /the database system is (starting up|shutting down)/i,
  /Can't reach database server/i,
  /Connection (refused|closed)/i,
  /DatabaseNotReachable/i,
  /Unable to start a transaction in the given time/i,
  // A pooled connection killed by the server (e.g. PostgreSQL shutting down) while Prisma held it:
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /terminating connection due to administrator command/i,
  // Prisma's wrapping of a PostgreSQL error keeps the SQLSTATE only in its message.
  /Code: `(57P0[1-3]|08[0-9A-Z]{3}|53300)`/,
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && CONNECTION_CODES.has(e.code)) return true;
  if (typeof e.message === "string" && CONNECTION_MESSAGES.some((re) => re.test(e.message as string))) {
    return true;
  }
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) {
    return true;
  }
  return isDatabaseUnavailable(e.cause, depth + 1);
}
