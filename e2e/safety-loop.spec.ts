// The safety loop end to end, against `npm start` with two workers: a staff submission reaches every clinician's
// open page within 2 s (the queue's pin and counts, the banner on any page, the tab title); "I'm on it" takes the
// alert for everyone, and the staff result shows who took it; blank answers are completed after submit (a new
// version, shown on the review page, a stale version refused); a killed worker's clients reconnect with
// Last-Event-ID and miss nothing; an alert nobody takes escalates to the staff screens.
import http from "node:http";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { freePort } from "../lib/db/embedded";
import { createAccount, demo } from "./accounts";
import type { TAnswers } from "./intake-support";
import { startOwnApp, type TOwnApp } from "./own-app";
import { e2eDatabaseUrl } from "./server-info";
import { DEMO_PASSWORD, expectNoAxeViolations, USERS } from "./support";

const vignettes = JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: TAnswers }[] };
const byId = (id: string) => ({ ...vignettes.vignettes.find((v) => v.id === id)!.intake });

let counter = 0;
/** A new patient and a visit submitted by `staff` with these answers (and a reason when blanks need one). */
async function submitVisit(
  staff: APIRequestContext,
  familyName: string,
  answers: TAnswers,
  blankReason?: { code: string },
): Promise<{ id: string; version: number; patientName: string }> {
  const mrn = `LOOP-${Date.now().toString(36).toUpperCase()}${++counter}`;
  const patient = await staff.post("/api/v1/patients", { data: { mrn, givenName: "Loop", familyName, birthDate: "1979-05-06", sex: "female", confirmDistinct: true } });
  expect(patient.status(), await patient.text()).toBe(201);
  const visit = await staff.post("/api/v1/visits", { data: { patientId: ((await patient.json()) as { id: string }).id } });
  const { id, version } = (await visit.json()) as { id: string; version: number };
  const submitted = await staff.post(`/api/v1/visits/${id}/submit`, { data: { version, answers, ...(blankReason ? { blankReason } : {}) } });
  expect(submitted.status(), await submitted.text()).toBe(200);
  return { id, version: ((await submitted.json()) as { version: number }).version, patientName: `${familyName}, Loop` };
}

async function signedInPage(browser: Browser, email: string, password = DEMO_PASSWORD, baseURL?: string): Promise<Page> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  return page;
}

const countOf = async (page: Page, label: string) =>
  Number(await page.getByRole("region", { name: "Visits in this view by urgency" }).getByRole("button", { name: new RegExp(label) }).locator(".count-value").innerText());

test.describe.configure({ mode: "serial" });

test("a submitted emergency reaches two clinicians within 2 s; I'm on it takes it for both and shows on the staff result", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const staff = await demo(playwright.request, baseURL!, "staff");
  const admin = await demo(playwright.request, baseURL!, "admin");
  const second = await createAccount(admin, "CLINICIAN", "loop-doctor");

  // Doctor A works the queue sorted by age (the pin stays above the table whatever the sort).
  const doctorA = await signedInPage(browser, USERS.doctor);
  await doctorA.goto("/review?sort=age&dir=desc");
  await expect(doctorA.getByRole("region", { name: "Visits in this view by urgency" })).toBeVisible();
  const emergenciesBefore = await countOf(doctorA, "Emergency");
  // Doctor B is on another page altogether.
  const doctorB = await signedInPage(browser, second.email, second.password);
  await doctorB.goto("/review/insight");
  // Give both pages' event streams a moment to open.
  await doctorA.waitForTimeout(500);

  const visit = await submitVisit(staff, `Cauda${Date.now().toString(36)}`, byId("LBP-V17"));
  const submittedAt = Date.now();

  // Within 2 s: A's pin and counts, B's banner (a page that is not the queue) and B's tab title.
  const pinnedRow = doctorA.getByRole("table", { name: "Pinned visits" }).getByRole("row").filter({ hasText: visit.patientName });
  await expect(pinnedRow).toBeVisible({ timeout: 2_000 });
  await expect.poll(() => countOf(doctorA, "Emergency"), { timeout: 2_000 }).toBe(emergenciesBefore + 1);
  const bannerB = doctorB.getByRole("region", { name: /alerts? needs? a clinician/ });
  await expect(bannerB.getByRole("listitem").filter({ hasText: visit.patientName })).toBeVisible({ timeout: 2_000 });
  await expect(doctorB).toHaveTitle(/^\(\d+\) /, { timeout: 2_000 });
  console.log(`[safety-loop] submit to banner and pin: ${Date.now() - submittedAt} ms`);
  await expect(pinnedRow).toContainText("Waiting for a clinician to acknowledge");
  await expectNoAxeViolations(doctorB);

  // The staff member's result page shows the live state.
  const staffPage = await signedInPage(browser, USERS.staff);
  await staffPage.goto(`/visits/${visit.id}`);
  await expect(staffPage.getByText("Waiting for a clinician to acknowledge.")).toBeVisible();

  // A takes it from the pin ("I'm on it"); it leaves B's banner and the staff page says who took it.
  await pinnedRow.getByRole("button", { name: "I'm on it" }).click();
  await expect(pinnedRow).toContainText("Dr Dana Doctor acknowledged at", { timeout: 2_000 });
  await expect(bannerB.getByRole("listitem").filter({ hasText: visit.patientName })).toHaveCount(0, { timeout: 2_000 });
  await expect(staffPage.getByText(/Dr Dana Doctor acknowledged at \d\d:\d\d/)).toBeVisible({ timeout: 2_000 });
  await expectNoAxeViolations(staffPage);

  // A second clinician sees who took it, and cannot take it again.
  await doctorB.goto(`/review/${visit.id}`);
  await expect(doctorB.getByText(/Dr Dana Doctor acknowledged at \d\d:\d\d/)).toBeVisible();
  const again = await doctorB.request.post(`/api/v1/visits/${visit.id}/acknowledge`);
  expect(again.status()).toBe(409);
  expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/^Dr Dana Doctor acknowledged this alert at \d\d:\d\d\.$/);

  for (const p of [doctorA, doctorB, staffPage]) await p.context().close();
  await Promise.all([staff.dispose(), admin.dispose()]);
});

test("blank answers are completed after submit: only the blank questions, a new version the review page shows, a stale version refused", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const staffApi = await demo(playwright.request, baseURL!, "staff");
  // N12-01 leaves the saddle question blank: urgent, "ask now", submitted with a coded reason.
  const visit = await submitVisit(staffApi, `Saddle${Date.now().toString(36)}`, byId("N12-01"), { code: "patient_unable" });

  const staff = await signedInPage(browser, USERS.staff);
  await staff.goto(`/visits/${visit.id}`);
  await staff.getByRole("link", { name: "Complete missing answers" }).click();
  await expect(staff.getByRole("heading", { name: "Complete missing answers", level: 2 })).toBeVisible();
  // Only the blank question is asked.
  const asked = await staff.locator("form.complete-missing [name]").evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("name")))]);
  expect(asked).toEqual(["saddle_anesthesia"]);
  await expectNoAxeViolations(staff);
  await staff.locator('input[name="saddle_anesthesia"][value="true"]').check();
  await staff.getByRole("button", { name: "Save the answers" }).click();
  await expect(staff).toHaveURL(new RegExp(`/visits/${visit.id}$`));
  // Saddle numbness: cauda equina cannot be excluded any more, it is present: an emergency, and a new alert.
  await expect(staff.getByRole("heading", { name: /Emergency: send the patient/ })).toBeVisible();
  await expect(staff.getByText("Waiting for a clinician to acknowledge.")).toBeVisible();

  // The review page shows the change, in the catalogue's words.
  const doctor = await signedInPage(browser, USERS.doctor);
  await doctor.goto(`/review/${visit.id}`);
  const amendments = doctor.getByRole("region", { name: "Answers completed after submit" });
  await expect(amendments).toContainText(/Numbness in the saddle area: blank → yes, by Sam Staff at/i);
  await expectNoAxeViolations(doctor);

  // The version the form loaded is stale now: 409, nothing changed.
  const stale = await staffApi.post(`/api/v1/visits/${visit.id}/amend`, { data: { version: visit.version, answers: { saddle_anesthesia: false } } });
  expect(stale.status()).toBe(409);
  const fresh = (await (await staffApi.get(`/api/v1/visits/${visit.id}`)).json()) as { version: number; answers: Record<string, unknown>; amendments: unknown[] };
  expect(fresh.answers.saddle_anesthesia).toBe(true);
  expect(fresh.amendments).toHaveLength(1);

  for (const p of [staff, doctor]) await p.context().close();
  await staffApi.dispose();
});

test.describe("with its own two-worker app", () => {
  let own: TOwnApp;
  const db = () => new pg.Client({ connectionString: e2eDatabaseUrl() });

  test.beforeAll(async () => {
    own = startOwnApp({
      port: await freePort(),
      databaseUrl: e2eDatabaseUrl(),
      secret: randomBytes(32).toString("base64url"),
      workers: "2",
      host: "127.0.0.1",
      // Escalation after 3 s, swept every half second; a heartbeat every second.
      env: { BACKLINE_ALERT_ESCALATE_MINUTES: "0.05", BACKLINE_ALERT_SWEEP_SECONDS: "0.5", BACKLINE_EVENTS_HEARTBEAT_SECONDS: "1" },
    });
    await expect.poll(() => fetch(`${own.base}/api/health`).then((r) => r.status, () => 0), { timeout: 30_000, intervals: [200] }).toBe(200);
  });

  test.afterAll(async () => {
    if (own?.app.exitCode === null) {
      own.app.kill("SIGTERM");
      const stopped = await Promise.race([own.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
      if (!stopped) {
        for (const pid of workers()) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
        own.app.kill("SIGKILL");
      }
    }
  });

  const workers = () => [...own.output().matchAll(/\[start\] worker (\d+) listening/g)].map((m) => Number(m[1]));

  /** An SSE connection read frame by frame, as a client without EventSource would. */
  function stream(cookie: string, lastEventId?: string) {
    const frames: { id?: string; event?: string; data?: string }[] = [];
    let ended = false;
    const url = new URL("/api/v1/events", own.base);
    const req = http.get(url, { headers: { cookie, accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}) }, agent: false }, (res) => {
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const frame: { id?: string; event?: string; data?: string } = {};
          for (const line of buffer.slice(0, cut).split("\n")) {
            const [key, ...rest] = line.split(": ");
            if (key === "id" || key === "event" || key === "data") frame[key] = rest.join(": ");
          }
          frames.push(frame);
          buffer = buffer.slice(cut + 2);
        }
      });
      res.on("end", () => (ended = true));
      res.on("close", () => (ended = true));
    });
    req.on("error", () => (ended = true));
    return { frames, ended: () => ended, close: () => req.destroy() };
  }

  test("clients of a killed worker reconnect with Last-Event-ID and miss nothing; the browser's stream recovers by itself", async ({ browser, playwright }) => {
    test.setTimeout(120_000);
    const doctorApi = await demo(playwright.request, own.base, "doctor");
    const staffApi = await demo(playwright.request, own.base, "staff");
    const cookie = (await doctorApi.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const page = await signedInPage(browser, USERS.doctor, DEMO_PASSWORD, own.base);
    await page.goto("/review");

    const first = stream(cookie);
    await expect.poll(() => first.frames.some((f) => f.event === "ready"), { timeout: 10_000 }).toBe(true);
    // Heartbeats arrive (every second here).
    await expect.poll(() => first.frames.filter((f) => f.event === "heartbeat").length, { timeout: 5_000 }).toBeGreaterThan(0);
    const before = await submitVisit(staffApi, `Before${Date.now().toString(36)}`, byId("LBP-V01"));
    await expect.poll(() => first.frames.some((f) => f.data?.includes(before.id)), { timeout: 5_000 }).toBe(true);
    const lastSeen = first.frames.filter((f) => f.id).at(-1)!.id!;

    // Kill every worker: the stream ends. Events happen while no client is connected.
    const killed = workers();
    for (const pid of killed) process.kill(pid, "SIGKILL");
    await expect.poll(() => first.ended(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => workers().length, { timeout: 60_000, intervals: [250] }).toBe(killed.length * 2);
    await expect.poll(() => fetch(`${own.base}/api/health`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
    const missed = [
      await submitVisit(staffApi, `Missed${Date.now().toString(36)}`, byId("LBP-V17")),
      await submitVisit(staffApi, `Missed${Date.now().toString(36)}b`, byId("LBP-V01")),
    ];

    // Reconnecting with Last-Event-ID replays exactly what was committed after it, in order.
    const again = stream(cookie, lastSeen);
    await expect.poll(() => again.frames.some((f) => f.event === "ready"), { timeout: 10_000 }).toBe(true);
    // The replay is what came before "ready"; live events (an escalation, say) may follow it.
    const replay = again.frames.slice(0, again.frames.findIndex((f) => f.event === "ready"));
    const replayed = replay.filter((f) => f.id && BigInt(f.id) > BigInt(lastSeen)).map((f) => f.id!);
    expect(replayed.length).toBeGreaterThan(0);
    const client = await db();
    await client.connect();
    const { rows } = await client.query<{ id: string }>("SELECT id::text FROM events WHERE id > $1::bigint AND id <= $2::bigint ORDER BY events.id", [
      lastSeen,
      replayed.at(-1),
    ]);
    await client.end();
    expect(replayed).toEqual(rows.map((r) => r.id));
    for (const v of missed) expect(again.frames.some((f) => f.event === "visit.submitted" && f.data?.includes(v.id))).toBe(true);
    again.close();

    // The browser's EventSource reconnected by itself: the emergency submitted while it was away is pinned.
    await expect(page.getByRole("table", { name: "Pinned visits" }).getByRole("row").filter({ hasText: missed[0]!.patientName })).toBeVisible({ timeout: 15_000 });
    await page.context().close();
    await Promise.all([doctorApi.dispose(), staffApi.dispose()]);
  });

  test("an alert nobody acknowledges escalates: recorded once, and the staff screens say to call the doctor on duty", async ({ browser, playwright }) => {
    test.setTimeout(90_000);
    const staffApi = await demo(playwright.request, own.base, "staff");
    const staffPage = await signedInPage(browser, USERS.staff, DEMO_PASSWORD, own.base);
    const visit = await submitVisit(staffApi, `Nobody${Date.now().toString(36)}`, byId("LBP-V17"));
    await staffPage.goto(`/visits/${visit.id}`);
    await expect(staffPage.getByText("No clinician has acknowledged: call the doctor on duty.")).toBeVisible({ timeout: 10_000 });
    // The staff banner names it too, on any page.
    await staffPage.goto("/intake");
    await expect(staffPage.getByRole("region", { name: /alerts? needs? a clinician/ }).getByRole("listitem").filter({ hasText: visit.patientName })).toContainText(
      "No clinician has acknowledged: call the doctor on duty",
    );
    await expectNoAxeViolations(staffPage);

    const client = await db();
    await client.connect();
    await expect
      .poll(async () => (await client.query("SELECT escalated_at FROM alerts WHERE visit_id = $1", [visit.id])).rows[0]?.escalated_at ?? null, { timeout: 10_000 })
      .not.toBeNull();
    // Two workers sweep; it escalated once.
    await new Promise((r) => setTimeout(r, 1500));
    const audit = await client.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'alert.escalate' AND entity_id = $1", [visit.id]);
    const events = await client.query("SELECT count(*)::int AS n FROM events WHERE kind = 'alert.escalated' AND visit_id = $1", [visit.id]);
    await client.end();
    expect([audit.rows[0].n, events.rows[0].n]).toEqual([1, 1]);
    await staffPage.context().close();
    await staffApi.dispose();
  });
});
