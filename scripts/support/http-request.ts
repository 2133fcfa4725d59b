// The API calls of the HTTP benchmarks: bounded JSON requests with a session cookie, retried while the answer is
// transient, and the submit body staff send.
import http from "node:http";
import { missingRequiredFields } from "../../lib/clinical/display";

export interface TResponse {
  status: number;
  /** network-level failure (no HTTP status), e.g. ECONNRESET or timeout */
  error?: string;
  retryAfter?: string;
  text: string;
  /** when it was sent and how long it took, in ms on the caller's clock */
  started: number;
  ms: number;
}

export type TRequest = (method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>) => Promise<TResponse>;

/**
 * Requests to 127.0.0.1:`port` as the holder of `cookie`, timed on `now`; one that hangs is cut off after
 * `timeoutMs` and answered with status 0 (never waited for forever), as is any network failure.
 */
export function httpRequester(options: { port: number; agent: http.Agent; cookie: string; timeoutMs: number; now: () => number }): TRequest {
  return (method, path, body, extraHeaders = {}) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const started = options.now();
    return new Promise((resolve) => {
      let settled = false;
      const done = (r: Omit<TResponse, "started" | "ms">) => {
        if (settled) return;
        settled = true;
        resolve({ ...r, started, ms: options.now() - started });
      };
      const req = http.request(
        {
          host: "127.0.0.1",
          port: options.port,
          method,
          path,
          agent: options.agent,
          headers: {
            cookie: options.cookie,
            ...(payload ? { "content-type": "application/json", "content-length": String(payload.length) } : {}),
            ...extraHeaders,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            done({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] as string | undefined, text: Buffer.concat(chunks).toString() }),
          );
          res.on("error", (e: NodeJS.ErrnoException) => done({ status: 0, error: e.code ?? e.message, text: "" }));
        },
      );
      req.setTimeout(options.timeoutMs, () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
      req.on("error", (e: NodeJS.ErrnoException) => done({ status: 0, error: e.code ?? e.message, text: "" }));
      req.end(payload);
    });
  };
}

const MAX_RETRY_DELAY_MS = 500;

/**
 * Send until the expected status, retrying what may be transient (no answer, 502-504) with the same body: the
 * request is a retry of the same step, never a new one. Stops retrying once `giveUp()`. Returns the last
 * response and whether it was a retry.
 */
export async function sendUntil(
  send: () => Promise<TResponse>,
  expected: number,
  options: { giveUp: () => boolean; onRetry?: () => void },
): Promise<{ res: TResponse; retried: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const res = await send();
    const transient = res.status === 0 || res.status === 502 || res.status === 503 || res.status === 504;
    if (res.status === expected || !transient || options.giveUp()) return { res, retried: attempt > 0 };
    options.onRetry?.();
    const wait = Math.min(MAX_RETRY_DELAY_MS, res.retryAfter ? Number(res.retryAfter) * 1000 : MAX_RETRY_DELAY_MS);
    await new Promise((r) => setTimeout(r, wait * (0.5 + Math.random())));
  }
}

/** POST /api/v1/visits/{id}/submit's body for these answers, as staff must send it. */
export function submitBody(version: number, answers: Record<string, unknown>): unknown {
  // Blank safety answers are submitted with a reason (required when a red flag cannot be excluded).
  const blankReason = missingRequiredFields(answers).length > 0 ? { code: "patient_unable" } : undefined;
  return { version, answers, blankReason };
}
