// Issue 19: a patient answers the intake themselves, by a one-time link on a phone (in Spanish) or on a clinic
// tablet handed over by staff (in English); staff check and submit; the doctor then sees the visit in the queue.
// Also: a link that was revoked, used, never existed or was locked by wrong birth dates is a 404 page that sends the
// patient to the desk; the patient's device session reaches no staff API; an emergency answer tells the patient at
// once and alerts staff.
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { expectNoAxeViolations, signedIn, USERS } from "./support";

const vignettes = JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: Record<string, unknown> }[] };
const V01 = vignettes.vignettes.find((v) => v.id === "LBP-V01")!.intake;
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 820, height: 1180 };
const BIRTH = { day: "9", month: "11", year: "1972", iso: "1972-11-09" };

let n = 0;
/** A patient with a visit started by staff, and a link for it. */
async function visitWithLink(staff: APIRequestContext, family: string) {
  const mrn = `SELF-${Date.now().toString(36).toUpperCase()}-${++n}`;
  const patient = await staff.post("/api/v1/patients", { data: { mrn, givenName: "Lucía", familyName: `${family}${mrn.slice(-6)}`, birthDate: BIRTH.iso, sex: "female", confirmDistinct: true } });
  expect(patient.status(), await patient.text()).toBe(201);
  const { id: patientId, familyName } = (await patient.json()) as { id: string; familyName: string };
  const visit = await staff.post("/api/v1/visits", { data: { patientId } });
  const { id: visitId } = (await visit.json()) as { id: string };
  const link = await staff.post(`/api/v1/visits/${visitId}/self-intake-link`, { data: {} });
  expect(link.status(), await link.text()).toBe(201);
  const body = (await link.json()) as { url: string; expiresAt: string };
  expect(Object.keys(body).sort()).toEqual(["expiresAt", "url"]);
  return { visitId, familyName, mrn, url: new URL(body.url).pathname };
}

async function patientPage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, baseURL: test.info().project.use.baseURL });
  return { context, page: await context.newPage() };
}

async function confirm(page: Page, birth = BIRTH) {
  await page.locator("#birth-day").fill(birth.day);
  await page.locator("#birth-month").fill(birth.month);
  await page.locator("#birth-year").fill(birth.year);
  await page.locator("#birth-year").press("Enter");
}

const nextPart = (page: Page, name: RegExp) => page.getByRole("button", { name }).click();

test.describe("patient self-intake", () => {
  let staff: APIRequestContext;
  test.beforeEach(async ({ page }) => {
    await signedIn(page, USERS.staff);
    staff = page.request;
  });

  test("by link on a phone in Spanish: answers, leaves and comes back, finishes; staff check and submit; the doctor sees it", async ({ page, browser }) => {
    const { visitId, familyName, url } = await visitWithLink(staff, "Fernández");
    const { context, page: phone } = await patientPage(browser, PHONE);
    await phone.goto(url);
    await expect(phone.getByRole("heading", { level: 1, name: /Elija su idioma/ })).toBeVisible();
    await expectNoAxeViolations(phone);
    await phone.getByLabel("Español").check();
    await phone.getByRole("button", { name: "Continuar" }).click();
    await expect(phone.locator("main")).toHaveAttribute("lang", "es");
    await confirm(phone);
    // Part 1: the patient's questions, in Spanish; the visit date and staff-only questions are not asked.
    await expect(phone.getByText(/^Parte 1 de \d$/)).toBeVisible();
    await expect(phone.locator('input[name="visit_date"]')).toHaveCount(0);
    await expect(phone.locator('[name="trauma_energy"]')).toHaveCount(0);
    await expectNoAxeViolations(phone);
    const age = phone.locator('input[name="age_years"]');
    await age.fill("53");
    await expect(phone.getByRole("status")).toHaveText(/Guardad/, { timeout: 10_000 });
    await nextPart(phone, /^Siguiente$/);
    await phone.locator('input[name="pain_score_now"][value="6"]').check({ force: true });
    await expect
      .poll(async () => ((await (await staff.get(`/api/v1/visits/${visitId}`)).json()) as { answers: Record<string, unknown> }).answers.pain_score_now, { timeout: 10_000 })
      .toBe(6);
    // Every target on the patient's screen is at least 44 px high.
    for (const box of await phone.locator("main button, main .choice").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(box).toBeGreaterThanOrEqual(44);

    // The patient leaves and comes back by the same link on the same phone: the questions open without the birth date.
    await phone.goto("about:blank");
    await phone.goto(url);
    await expect(phone.getByText(/^Parte 1 de \d$/)).toBeVisible();
    await expect(phone.locator('input[name="age_years"]')).toHaveValue("53");
    await nextPart(phone, /^Siguiente$/);
    await expect(phone.locator('input[name="pain_score_now"][value="6"]')).toBeChecked();
    for (let i = 0; i < 10 && (await phone.getByRole("button", { name: /^Siguiente$/ }).count()) > 0; i++) await nextPart(phone, /^Siguiente$/);
    await phone.getByRole("button", { name: /He terminado/ }).click();
    await expect(phone.getByRole("heading", { level: 1, name: "Gracias" })).toBeVisible();
    await expectNoAxeViolations(phone);
    // Used: the link is now the desk page.
    const used = await phone.goto(url);
    expect(used?.status()).toBe(404);
    await context.close();

    // Staff: "patient-reported, to check", each answer marked, then submit.
    await page.goto(`/visits/${visitId}/intake`);
    await expect(page.getByRole("heading", { name: "Patient-reported, to check" })).toBeVisible();
    await expect(page.getByText("Given by the patient").first()).toBeVisible();
    await expectNoAxeViolations(page);
    const visit = (await (await staff.get(`/api/v1/visits/${visitId}`)).json()) as { version: number; answers: Record<string, unknown>; selfIntake: { answers: Record<string, unknown>; language: string } };
    expect(visit.selfIntake).toMatchObject({ language: "es", answers: { age_years: 53, pain_score_now: 6 } });
    const submit = await staff.post(`/api/v1/visits/${visitId}/submit`, { data: { version: visit.version, answers: { ...V01, ...visit.answers, known_aaa: false, pregnancy_status: "not_pregnant", trauma_energy: "none" } } });
    expect(submit.status(), await submit.text()).toBe(200);

    // The doctor sees it in the queue.
    const doctor = await page.context().browser()!.newContext({ baseURL: test.info().project.use.baseURL });
    const doctorPage = await doctor.newPage();
    await signedIn(doctorPage, USERS.doctor);
    const search = await doctorPage.request.post("/api/v1/visits/search", { data: { q: familyName } });
    expect(((await search.json()) as { rows: { id: string }[] }).rows.map((r) => r.id)).toContain(visitId);
    await doctor.close();
  });

  test("on a tablet handed over by staff, in English: the staff session is gone until staff sign in again", async ({ page }) => {
    const { visitId } = await visitWithLink(staff, "Tablet");
    await page.setViewportSize(TABLET);
    await page.goto(`/visits/${visitId}/intake`);
    await page.getByRole("button", { name: "Hand this device to the patient" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Choose your language/ })).toBeVisible();
    expect(new URL(page.url()).pathname).toMatch(/^\/self-intake\/[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Continue" }).click();
    await confirm(page);
    await expect(page.getByText(/^Part 1 of \d$/)).toBeVisible();
    await expect(page.getByText("How old are you?")).toBeVisible();
    await expectNoAxeViolations(page);
    // Nothing of the clinic is reachable from the tablet now.
    expect((await page.request.get(`/api/v1/visits/${visitId}`)).status()).toBe(401);
    await page.goto("/review");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("revoked, unknown and locked links are a 404 page that sends the patient to the desk", async ({ browser }) => {
    const revoked = await visitWithLink(staff, "Revoked");
    expect((await staff.delete(`/api/v1/visits/${revoked.visitId}/self-intake-link`)).status()).toBe(200);
    expect((await staff.delete(`/api/v1/visits/${revoked.visitId}/self-intake-link`)).status()).toBe(404);
    const { context, page } = await patientPage(browser, PHONE);
    for (const path of [revoked.url, "/self-intake/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/self-intake/x"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "This link does not work any more" })).toBeVisible();
      await expect(page.getByText(/ask at the front desk/)).toBeVisible();
    }
    await expectNoAxeViolations(page);

    const locked = await visitWithLink(staff, "Locked");
    await page.goto(locked.url);
    await page.getByRole("button", { name: "Continue" }).click();
    for (let i = 1; i <= 4; i++) {
      await confirm(page, { ...BIRTH, day: "10" });
      await expect(page.locator("#birth-error")).toContainText(`${5 - i} ${5 - i === 1 ? "try" : "tries"} left`);
    }
    await confirm(page, { ...BIRTH, day: "10" });
    await expect(page.getByRole("heading", { name: "This link does not work any more" })).toBeVisible();
    expect((await page.goto(locked.url))?.status()).toBe(404);
    await context.close();
  });

  test("the patient's session reaches only its own questions, no staff API; an emergency answer tells the patient and alerts staff", async ({ browser }) => {
    const mine = await visitWithLink(staff, "Emergency");
    const { context, page } = await patientPage(browser, PHONE);
    await page.goto(mine.url);
    await page.getByLabel("Español").check();
    await page.getByRole("button", { name: "Continuar" }).click();
    await confirm(page);
    await expect(page.getByText(/^Parte 1 de \d$/)).toBeVisible();
    for (const path of [`/api/v1/visits/${mine.visitId}`, "/api/v1/alerts", "/api/v1/me"]) expect((await page.request.get(path)).status(), path).toBe(401);
    expect((await page.request.post("/api/v1/patients/search", { data: { q: "a" } })).status()).toBe(401);
    const own = (await (await page.request.get("/api/v1/self-intake")).json()) as Record<string, unknown>;
    expect(Object.keys(own).sort()).toEqual(["answers", "language", "today", "version"]);

    // Part 3 holds the bladder, bowel and saddle questions.
    await nextPart(page, /^Siguiente$/);
    await nextPart(page, /^Siguiente$/);
    await page.locator('input[name="saddle_anesthesia"][value="true"]').check({ force: true });
    await expect(page.locator(".patient-safety[role=alert]")).toContainText("Por favor, avise ahora mismo en la recepción", { timeout: 10_000 });
    await expectNoAxeViolations(page);
    const alerts = (await (await staff.get("/api/v1/alerts")).json()) as { rows: { visitId: string; alert: { reason: string } | null }[] };
    expect(alerts.rows.find((r) => r.visitId === mine.visitId)?.alert?.reason).toBe("emergency");
    await context.close();
  });
});
