// The app process dies mid-intake (SIGKILL, no shutdown) and comes back: the answers typed while it was
// down were kept in this browser and are restored and saved when the form is opened again. Runs its own
// `npm start` (scripts/start.mjs and its workers) on the e2e database, so killing it leaves the shared test
// server alone. Killed outright, the start script takes its workers with it.
import { expect, test } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { freePort } from "../lib/db/embedded";
import { fillStep } from "./intake-support";
import { startOwnApp } from "./own-app";
import { e2eDatabaseUrl } from "./server-info";
import { DEMO_PASSWORD, USERS } from "./support";

test.describe("the app process is killed mid-intake", () => {
  let port: number;
  let base: string;
  let app: ChildProcess | undefined;
  // The same secret across restarts, as a real deployment has: the browser's session stays valid.
  const secret = randomBytes(32).toString("base64url");

  async function startApp() {
    app = startOwnApp({ port, databaseUrl: e2eDatabaseUrl(), secret }).app;
    await expect
      .poll(() => fetch(`${base}/api/health`).then((r) => r.status, () => 0), { timeout: 30_000, intervals: [200] })
      .toBe(200);
  }

  async function killApp() {
    const dying = app!;
    const exited = new Promise((resolve) => dying.once("exit", resolve));
    dying.kill("SIGKILL");
    await exited;
    app = undefined;
  }

  test.beforeAll(async () => {
    port = await freePort();
    base = `http://localhost:${port}`;
    await startApp();
  });

  test.afterAll(async () => {
    if (app) await killApp();
  });

  test("the browser copy restores the draft, including edits the server never received", async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ baseURL: base });
    let page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(USERS.staff);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();

    const patient = await page.request.post("/api/v1/patients", {
      data: { mrn: `KILL-${Date.now().toString(36).toUpperCase()}`, givenName: "Crash", familyName: "Restart", birthDate: "1970-06-15", sex: "female" },
    });
    expect(patient.status()).toBe(201);
    const visit = await page.request.post("/api/v1/visits", { data: { patientId: (await patient.json()).id } });
    const { id } = (await visit.json()) as { id: string };
    const serverAnswers = async () => ((await (await page.request.get(`/api/v1/visits/${id}`)).json()) as { answers: Record<string, unknown> }).answers;

    // Part of the intake, saved by the server.
    await page.goto(`/visits/${id}/intake`);
    await expect(page.locator('form[data-ready="true"]')).toBeVisible();
    await fillStep(page, { age_years: 47 }, "a.1");
    await expect(page.getByRole("status")).toHaveText(/Saved at/, { timeout: 10_000 });
    expect((await serverAnswers()).age_years).toBe(47);

    // The app dies. The user keeps typing; the form can only keep the answers on the device.
    await killApp();
    await fillStep(page, { age_years: 61, sex: "male" }, "a.1");
    await expect(page.getByRole("status")).toHaveText("Offline: kept on this device", { timeout: 10_000 });
    // The tab goes too (closed or crashed, no chance to send anything).
    await page.close({ runBeforeUnload: false });

    // The app comes back. The server still has only what it had acknowledged.
    await startApp();
    expect(await serverAnswers()).toMatchObject({ age_years: 47, sex: "female" });

    // Opening the form again restores the device copy over the older server copy, and saves it.
    page = await context.newPage();
    await page.goto(`/visits/${id}/intake`);
    await expect(page.locator('form[data-ready="true"]')).toBeVisible();
    await expect(page.locator('input[name="age_years"]')).toHaveValue("61");
    await expect(page.getByRole("status")).toHaveText(/Saved at/, { timeout: 10_000 });
    expect(await serverAnswers()).toMatchObject({ age_years: 61, sex: "male" });
    await context.close();
  });
});
