// The e2e server's log (written by e2e/server.ts), for specs that check what it does and does not say.
import { existsSync, readFileSync } from "node:fs";

export const serverLogFile = (port = process.env.E2E_PORT ?? "3100") => `.data/e2e/server-${port}.log`;

export function serverLog(): string {
  const file = serverLogFile();
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

/** Waits until a line containing `needle` is in the log (output is written asynchronously). */
export async function logLineWith(needle: string, timeoutMs = 5_000): Promise<string | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const line = serverLog().split("\n").find((l) => l.includes(needle));
    if (line || Date.now() > until) return line;
    await new Promise((r) => setTimeout(r, 100));
  }
}
