// `npm start` (scripts/start.mjs): one `next start` worker per core on one port. A worker that dies is
// replaced while the others go on answering; a bad worker count or a start that cannot listen stops it with
// an error instead of a restart loop; SIGTERM stops every worker. Runs its own copies on the e2e database.
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { freePort } from "../lib/db/embedded";
import { startOwnApp } from "./own-app";
import { e2eDatabaseUrl } from "./server-info";

const start = (port: number, workers: string) =>
  startOwnApp({ port, workers, host: "127.0.0.1", databaseUrl: e2eDatabaseUrl(), secret: randomBytes(32).toString("base64url") });

/** The workers that have listened so far, in order, from the start script's log lines. */
const listened = (output: string) => [...output.matchAll(/\[start\] worker (\d+) listening/g)].map((m) => Number(m[1]));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The health check's status on a new connection (as a new client would make), 0 for none within a second. */
function health(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/api/health", agent: false, timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
  });
}

test("a dead worker is replaced while the other answers, and SIGTERM stops them all", async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  const { app, output, exited } = start(port, "2");
  try {
    await expect.poll(() => listened(output()).length, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => health(port), { timeout: 30_000, intervals: [200] }).toBe(200);
    const [victim, survivor] = listened(output()) as [number, number];

    process.kill(victim, "SIGKILL");
    // The other worker answers meanwhile (a new connection goes to a live worker).
    await expect.poll(() => health(port), { timeout: 10_000, intervals: [50] }).toBe(200);
    // And a replacement comes up: three workers have listened, the dead one is gone, the survivor still there.
    await expect.poll(() => listened(output()).length, { timeout: 30_000, intervals: [200] }).toBe(3);
    const replacement = listened(output())[2]!;
    expect(alive(victim)).toBe(false);
    expect([alive(survivor), alive(replacement)]).toEqual([true, true]);
    for (let i = 0; i < 10; i++) expect(await health(port)).toBe(200);

    app.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect([alive(survivor), alive(replacement)]).toEqual([false, false]);
  } finally {
    if (app.exitCode === null) app.kill("SIGKILL");
  }
});

test("a worker count that is not a whole number from 1 to 64 is refused, naming the setting", async () => {
  for (const bad of ["0", "two", "1.5", "65"]) {
    const { output, exited } = start(await freePort(), bad);
    expect(await exited).toBe(2);
    expect(output()).toContain(`BACKLINE_WORKERS must be a whole number from 1 to 64 (got "${bad}")`);
  }
});

test("a port that is taken stops the start with exit code 1 instead of restarting workers", async () => {
  test.setTimeout(60_000);
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
  const port = (taken.address() as net.AddressInfo).port;
  const { app, output, exited } = start(port, "2");
  try {
    expect(await exited).toBe(1);
    expect(output()).toContain("a worker exited before it was ready");
  } finally {
    if (app.exitCode === null) app.kill("SIGKILL");
    taken.close();
  }
});
