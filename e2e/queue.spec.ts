// The review queue made for a busy doctor (issue 18, item 3), against the production build: the table on the first
// screen at 1366x800, filters in one compact row that apply as they change (the URL keeps them, the name search
// stays out of it), red flags by short names with the code on hover, a Waiting column, saved views per clinician
// (two built in; one's own saved, used and deleted; nobody else's deletable), folded filters on a phone, axe clean.
import { mkdirSync, readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { createAccount, demo, signedIn as apiSignedIn } from "./accounts";
import { e2eDatabaseUrl } from "./server-info";
import { expectNoAxeViolations, signedIn, USERS, shotPath } from "./support";

const vignettes = (JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: Record<string, unknown> }[] }).vignettes;
const intakeOf = (id: string) => vignettes.find((v) => v.id === id)!.intake;

const tag = `${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;
const SHOTS = "docs/screenshots";

let born = Math.floor(Math.random() * 40);
/** A patient with a unique family name and a visit submitted through the API as staff; `ago` moves its submission back. */
async function submitted(staff: APIRequestContext, familyName: string, vignette: string): Promise<{ visitId: string; mrn: string }> {
  const mrn = `QUE-${tag}-${familyName.length}${Math.floor(Math.random() * 1e6)}`;
  // A birth date of its own: registering someone like an existing patient asks for confirmation (issue 18, item 5).
  const birthDate = `19${50 + (++born % 40)}-0${1 + (born % 9)}-1${born % 10}`;
  const patient = await staff.post("/api/v1/patients", { data: { mrn, givenName: "Quinn", familyName, birthDate, sex: "female" } });
  expect(patient.status(), await patient.text()).toBe(201);
  const visit = await staff.post("/api/v1/visits", { data: { patientId: ((await patient.json()) as { id: string }).id } });
  const { id, version } = (await visit.json()) as { id: string; version: number };
  const submit = await staff.post(`/api/v1/visits/${id}/submit`, { data: { version, answers: intakeOf(vignette) } });
  expect(submit.status(), await submit.text()).toBe(200);
  return { visitId: id, mrn };
}

/** Test data through the database: visits that have waited a known time, from now. */
async function backdate(waits: [visitId: string, ago: string][]) {
  const db = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await db.connect();
  for (const [id, ago] of waits) await db.query("UPDATE visits SET submitted_at = now() - $2::interval WHERE id = $1", [id, ago]);
  await db.end();
}

const queueRows = (page: Page) => page.locator("table.queue tbody tr");

/** Wait for the queue's next answer from the API after `action`, and for the table to show it. */
async function queueChange(page: Page, action: () => Promise<unknown>) {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/visits/search" && r.request().method() === "POST");
  await action();
  expect((await answered).status()).toBe(200);
  await expect(page.locator("table.queue")).toHaveAttribute("aria-busy", "false");
}

/** The queue at a screen size, settled: hydrated, and the pin above it loaded (it comes from GET /api/v1/alerts). */
async function queuePage(page: Page, width: number, height: number, path = "/review") {
  await page.setViewportSize({ width, height });
  await signedIn(page, USERS.doctor);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save this view" })).toBeEnabled();
  const { rows } = (await (await page.request.get("/api/v1/alerts")).json()) as { rows: unknown[] };
  if (rows.length > 0) await expect(page.locator(".pinned > summary")).toContainText(`Pinned: ${rows.length}`);
}

test.describe("the review queue", () => {
  // Several page loads and axe runs each, on a shared machine.
  test.describe.configure({ timeout: 90_000 });
  let staff: APIRequestContext;
  let doctor: APIRequestContext;
  const urgentName = `Queueurgent${tag}`;
  const waitingName = `Queuewait${tag}`;
  let waiting: { hours: string; days: string };

  test.beforeAll(async ({ playwright, baseURL }) => {
    staff = await demo(playwright.request, baseURL!, "staff");
    doctor = await demo(playwright.request, baseURL!, "doctor");
    // V28: urgent, a weaker cancer risk factor and a fragility fracture, X-ray; no alert, not pinned.
    await submitted(staff, urgentName, "LBP-V28");
    waiting = {
      hours: (await submitted(staff, `${waitingName}hours`, "LBP-V01")).visitId,
      days: (await submitted(staff, `${waitingName}days`, "LBP-V01")).visitId,
    };
    // Alerts earlier specs left untaken fill every page's banner: the doctor takes them, as the banner asks.
    const pinned = (await (await doctor.get("/api/v1/alerts")).json()) as { rows: { visitId: string; alert: { acknowledgedAt: string | null } | null }[] };
    for (const row of pinned.rows.filter((r) => r.alert && !r.alert.acknowledgedAt)) {
      expect((await doctor.post(`/api/v1/visits/${row.visitId}/acknowledge`, { data: {} })).status()).toBeLessThan(500);
    }
    mkdirSync(SHOTS, { recursive: true });
  });
  test.afterAll(async () => {
    await staff.dispose();
    await doctor.dispose();
  });

  test("at 1366x800 the table is on the first screen, under one compact row of filters; axe clean", async ({ page }) => {
    await queuePage(page, 1366, 800);
    await page.screenshot({ path: shotPath(`${SHOTS}/queue-1366x800.png`) });
    const first = await queueRows(page).first().boundingBox();
    expect(first).not.toBeNull();
    expect(first!.y).toBeGreaterThanOrEqual(0);
    expect(first!.y + first!.height).toBeLessThanOrEqual(800);
    // ... and all its columns fit the width: no sideways scrolling at 1366.
    expect(await page.locator(".table-scroll").evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
    // The filters are one row: every control's top within a few pixels of the first's.
    const tops = await page.locator(".queue-filter-row > .queue-filter").locator("select, input, button").evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(tops.length).toBe(8);
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
    // No "Apply": they apply as they change.
    await expect(page.getByRole("button", { name: "Apply filters" })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test("filters apply as they change and survive a reload in the URL; the name search stays out of every URL", async ({ page }) => {
    const requested: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    await queuePage(page, 1366, 800);

    await queueChange(page, () => page.getByLabel("Urgency", { exact: true }).selectOption("urgent"));
    await expect(page).toHaveURL(/[?&]urgency=urgent(&|$)/);
    for (const text of await page.locator("table.queue tbody tr td:nth-child(6)").allInnerTexts()) expect(text).toContain("Urgent");
    await queueChange(page, () => page.getByLabel("Red flag").selectOption("RF-FX-02"));
    await expect(page).toHaveURL(/[?&]flag=RF-FX-02(&|$)/);

    // Typing searches after a pause, with no Enter and no button.
    await queueChange(page, () => page.getByLabel("Name or MRN").pressSequentially(urgentName));
    await expect(queueRows(page)).toHaveCount(1);
    const row = queueRows(page).first();
    await expect(row).toContainText(urgentName);
    expect(page.url()).not.toContain(urgentName);

    // Flags by short name, one a line, the code and rule on hover only.
    const flags = row.locator(".flag-name");
    await expect(flags).toHaveText(["Cancer (a weaker risk factor)", "Fragility fracture"]);
    await expect(flags.nth(0)).toHaveAttribute("title", "RF-CA-04: Single or weaker cancer risk factor");
    await expect(flags.nth(1)).toHaveAttribute("title", /^RF-FX-02: /);
    expect(await row.innerText()).not.toMatch(/RF-/);

    // A reload opens the same view: the filters from the URL, the search from this tab's storage.
    await page.reload();
    await expect(page.getByLabel("Urgency", { exact: true })).toHaveValue("urgent");
    await expect(page.getByLabel("Red flag")).toHaveValue("RF-FX-02");
    await expect(page.getByLabel("Name or MRN")).toHaveValue(urgentName);
    await expect(queueRows(page)).toHaveCount(1);

    // Clear empties every filter and the search.
    await queueChange(page, () => page.getByRole("button", { name: "Clear filters" }).click());
    await expect(page).not.toHaveURL(/urgency=|flag=/);
    await expect(page.getByLabel("Name or MRN")).toHaveValue("");
    expect(requested.filter((u) => decodeURIComponent(u).toLowerCase().includes(urgentName.toLowerCase()) || /[?&]q=/i.test(u))).toEqual([]);
  });

  test("the Waiting column counts from submission: minutes, hours, days", async ({ page }) => {
    // 40 s to spare: the column counts on a 30 s clock.
    await backdate([
      [waiting.hours, "2 hours 10 minutes 40 seconds"],
      [waiting.days, "3 days 4 hours 30 minutes"],
    ]);
    await queuePage(page, 1366, 800);
    await queueChange(page, () => page.getByLabel("Name or MRN").fill(waitingName));
    await expect(queueRows(page)).toHaveCount(2);
    await expect(page.getByRole("columnheader", { name: "Waiting" })).toBeVisible();
    const hours = queueRows(page).filter({ hasText: `${waitingName}hours` });
    await expect(hours.locator(".waiting-short")).toHaveText("2 h 10 min");
    await expect(hours.locator(".waiting")).toContainText("2 hours 10 minutes");
    await expect(hours.locator(".waiting")).toHaveAttribute("title", /^Waiting since \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d$/);
    await expect(queueRows(page).filter({ hasText: `${waitingName}days` }).locator(".waiting-short")).toHaveText("3 d 4 h");
    // Every visit waiting in the default view reads the same way.
    await queueChange(page, () => page.getByRole("button", { name: "Clear filters" }).click());
    for (const text of await page.locator("table.queue .waiting-short").allInnerTexts()) expect(text).toMatch(/^(under 1 min|\d+ min|\d+ h( \d+ min)?|\d+ d( \d+ h)?)$/);
  });

  test("saved views: two built in, one's own saved, used and deleted, never another clinician's", async ({ page, playwright, baseURL }) => {
    await queuePage(page, 1366, 800);
    const views = page.getByRole("navigation", { name: "Saved views" });

    // "Urgent today": urgent visits submitted today (the clinic's day), waiting for review.
    await queueChange(page, () => views.getByRole("link", { name: "Urgent today" }).click());
    await expect(page).toHaveURL(/\?urgency=urgent&from=(\d{4}-\d\d-\d\d)&to=\1$/);
    await expect(views.getByRole("link", { name: "Urgent today" })).toHaveAttribute("aria-current", "true");
    await expect(queueRows(page).filter({ hasText: urgentName })).toHaveCount(1);
    await queueChange(page, () => views.getByRole("link", { name: "Unsigned, most urgent first" }).click());
    await expect(page).toHaveURL(/\/review$/);

    // Save the current filters (the search text is not saved) under a name.
    await queueChange(page, () => page.getByLabel("Status").selectOption("ALL"));
    await queueChange(page, () => page.getByLabel("Red flag").selectOption("RF-FX-02"));
    await queueChange(page, () => page.getByLabel("Name or MRN").fill(urgentName));
    const name = `Fractures ${tag}`;
    await views.getByRole("button", { name: "Save this view" }).click();
    await page.getByLabel("Name for this view").fill(name);
    const created = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/me/saved-views" && r.request().method() === "POST");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    expect((await created).status()).toBe(201);
    await expect(views.getByRole("status")).toHaveText(`Saved the view “${name}”.`);
    const mine = views.getByRole("link", { name });
    await expect(mine).toHaveAttribute("aria-current", "true");
    const listed = (await (await page.request.get("/api/v1/me/saved-views")).json()) as { views: { id: string; name: string; filters: Record<string, string> }[] };
    const saved = listed.views.find((v) => v.name === name)!;
    expect(saved.filters).toEqual({ status: "ALL", flag: "RF-FX-02", sort: "urgency" });
    expect(JSON.stringify(listed)).not.toContain(urgentName);

    // The same name again is refused, naming the field.
    await views.getByRole("button", { name: "Save this view" }).click();
    await page.getByLabel("Name for this view").fill(name.toLowerCase());
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Choose another name: you already have a view with this one")).toBeVisible();
    await expect(page.getByLabel("Name for this view")).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page);
    await views.getByRole("button", { name: "Cancel" }).click();

    // Used: one click opens it, and it is still there after a reload.
    await queueChange(page, () => page.getByRole("button", { name: "Clear filters" }).click());
    await expect(mine).not.toHaveAttribute("aria-current", "true");
    await queueChange(page, () => mine.click());
    await expect(page).toHaveURL(/\?status=ALL&flag=RF-FX-02$/);
    await expect(page.getByLabel("Red flag")).toHaveValue("RF-FX-02");
    await page.reload();
    await expect(views.getByRole("link", { name })).toHaveAttribute("aria-current", "true");

    // Search text is refused in a view by the API, naming the field; nothing is stored.
    const withSearch = await page.request.post("/api/v1/me/saved-views", { data: { name: `With search ${tag}`, filters: { q: urgentName } } });
    expect(withSearch.status()).toBe(400);
    expect(((await withSearch.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(["filters.q"]);

    // Another clinician neither sees nor deletes it: a 404, and it stays.
    const admin = await demo(playwright.request, baseURL!, "admin");
    const other = await createAccount(admin, "CLINICIAN", "views-other");
    const otherApi = await apiSignedIn(playwright.request, baseURL!, other.email, other.password);
    expect(((await (await otherApi.get("/api/v1/me/saved-views")).json()) as { views: unknown[] }).views).toEqual([]);
    const foreign = await otherApi.delete(`/api/v1/me/saved-views/${saved.id}`);
    expect(foreign.status()).toBe(404);
    await otherApi.dispose();
    await admin.dispose();
    expect(((await (await page.request.get("/api/v1/me/saved-views")).json()) as { views: { id: string }[] }).views.map((v) => v.id)).toContain(saved.id);

    // Deleted by its owner, from the row of views; audited (ids only).
    const deleted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/me/saved-views/${saved.id}`) && r.request().method() === "DELETE");
    await views.getByRole("button", { name: `Delete the view “${name}”` }).click();
    expect((await deleted).status()).toBe(204);
    await expect(views.getByRole("link", { name })).toHaveCount(0);
    await expect(views.getByRole("status")).toHaveText(`Deleted the view “${name}”.`);
    expect(((await (await page.request.get("/api/v1/me/saved-views")).json()) as { views: { id: string }[] }).views.map((v) => v.id)).not.toContain(saved.id);
    const db = new pg.Client({ connectionString: e2eDatabaseUrl() });
    await db.connect();
    const audit = await db.query("SELECT action, details FROM audit_events WHERE entity_type = 'SavedView' AND entity_id = $1 ORDER BY id", [saved.id]);
    await db.end();
    expect(audit.rows.map((r: { action: string }) => r.action)).toEqual(["saved_view.create", "saved_view.delete"]);
    expect(JSON.stringify(audit.rows)).not.toContain(name);
  });

  test("on a phone the filters fold behind one button; tablet and phone are axe clean", async ({ page }) => {
    await queuePage(page, 820, 1180);
    await expect(page.getByLabel("Status")).toBeVisible();
    await page.screenshot({ path: shotPath(`${SHOTS}/queue-820x1180.png`) });
    await expectNoAxeViolations(page);

    await page.setViewportSize({ width: 390, height: 844 });
    const toggle = page.getByRole("button", { name: /^Filters/ });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByLabel("Status")).toBeHidden();
    await page.screenshot({ path: shotPath(`${SHOTS}/queue-390x844.png`) });
    await expectNoAxeViolations(page);
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await queueChange(page, () => page.getByLabel("Urgency", { exact: true }).selectOption("urgent"));
    await expect(toggle).toHaveText("Filters (1 on)");
    await expect(page).toHaveURL(/urgency=urgent/);
    // Touch targets: every control of the row of views and the filters is at least 44 px each way.
    for (const box of await page.locator(".saved-views a, .saved-views button, .queue-filter select, .queue-filter input, .queue-filters-toggle").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })))) {
      expect(box.h).toBeGreaterThanOrEqual(44);
      expect(box.w).toBeGreaterThanOrEqual(44);
    }
    await expectNoAxeViolations(page);
  });
});
