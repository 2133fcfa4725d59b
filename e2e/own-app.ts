// An app of a spec's own, started as `npm start` starts it (scripts/start.mjs and its workers), for specs that
// kill, break or misconfigure the app without touching the shared test server.
import { spawn, type ChildProcess } from "node:child_process";
import { productionAppEnv } from "../scripts/support/production-env";

export interface TOwnApp {
  app: ChildProcess;
  /** its address, e.g. http://localhost:41234 */
  base: string;
  /** everything it has printed so far */
  output: () => string;
  /** its exit code once it has exited */
  exited: Promise<number | null>;
}

export function startOwnApp(options: {
  port: number;
  databaseUrl: string;
  secret: string;
  workers?: string;
  host?: string;
  /** more settings for the app (e.g. a short alert escalation time) */
  env?: Record<string, string>;
}): TOwnApp {
  const base = `http://${options.host ?? "localhost"}:${options.port}`;
  const app = spawn(process.execPath, ["scripts/start.mjs", "-p", String(options.port), ...(options.host ? ["-H", options.host] : [])], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...productionAppEnv({ databaseUrl: options.databaseUrl, publicUrl: base, secret: options.secret }),
      ...(options.workers === undefined ? {} : { BACKLINE_WORKERS: options.workers }),
      ...options.env,
    },
  });
  let text = "";
  app.stdout!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  app.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => app.once("exit", (code) => resolve(code)));
  return { app, base, output: () => text, exited };
}
