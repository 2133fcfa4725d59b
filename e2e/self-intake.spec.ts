// Issue 19: a patient answers the intake themselves, by a one-time link on a phone (in Spanish) or on a clinic
// tablet handed over by staff (in English); staff check and submit; the doctor then sees the visit in the queue.
// Also: a link that was revoked, used, never existed or was locked by wrong birth dates is a 404 page that sends the
// patient to the desk; the patient's device session reaches no staff API; an emergency answer tells the patient at
// once and alerts staff.
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import type { Bundle, QuestionnaireResponse } from "@medplum/fhirtypes";
import { bundleErrors } from "../lib/export/test-support/fhir-validate";
import { pdfText } from "../lib/export/test-support/pdf-text";
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

const es = JSON.parse(readFileSync("lib/i18n/es.json", "utf8")) as { questions: Record<string, { label: string }> };
const visitAnswers = async (staff: APIRequestContext, visitId: string) =>
  ((await (await staff.get(`/api/v1/visits/${visitId}`)).json()) as { answers: Record<string, unknown> }).answers;

/** Press Tab until `target` has the focus: it is reachable by keyboard, in the page's own order. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reached by Tab in ${limit} presses: ${String(target)}`);
}

/** The screen fits its width (no sideways scrolling) and every target is at least 44 px high. */
async function expectFitsAndTargets(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
  expect(scroll, "no sideways scrolling").toBeLessThanOrEqual(width);
  for (const box of await page.locator("main button, main .choice").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(box).toBeGreaterThanOrEqual(44);
}

test.describe("patient self-intake", () => {
  let staff: APIRequestContext;
  test.beforeEach(async ({ page }) => {
    await signedIn(page, USERS.staff);
    staff = page.request;
  });

  test("by link on a phone in Spanish: answers, leaves and comes back, finishes; staff check and submit; the doctor sees it", async ({ page, browser }) => {
    const { visitId, familyName, url } = await visitWithLink(staff, "Fernández");
    // The member of staff who made the link waits on the home page.
    await page.goto("/");
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

    // Staff are told at once, on the page they are on, and go to the answers from the notice.
    const notice = page.locator(".patient-finished");
    await expect(notice).toContainText(`${familyName}, Lucía finished at`, { timeout: 15_000 });
    await expectNoAxeViolations(page);
    await notice.getByRole("listitem").filter({ hasText: familyName }).getByRole("link", { name: "Check the answers" }).click();
    await expect(page).toHaveURL(new RegExp(`/visits/${visitId}/intake$`));
    await expect(notice).toHaveCount(0);

    // Staff: "patient-reported, to check", each answer marked, then submit.
    await expect(page.getByRole("heading", { name: "Patient-reported, to check" })).toBeVisible();
    await expect(page.getByText("Given by the patient").first()).toBeVisible();
    await expectNoAxeViolations(page);
    const visit = (await (await staff.get(`/api/v1/visits/${visitId}`)).json()) as {
      version: number;
      answers: Record<string, unknown>;
      patient: { id: string };
      selfIntake: { answers: Record<string, unknown>; language: string };
    };
    expect(visit.selfIntake).toMatchObject({ language: "es", answers: { age_years: 53, pain_score_now: 6 } });
    // Staff correct the age the patient gave (53 -> 54) and complete the rest.
    const submit = await staff.post(`/api/v1/visits/${visitId}/submit`, {
      data: { version: visit.version, answers: { ...V01, ...visit.answers, age_years: 54, known_aaa: false, pregnancy_status: "not_pregnant", trauma_energy: "none" } },
    });
    expect(submit.status(), await submit.text()).toBe(200);

    // The doctor sees it in the queue, and on the review page which answers the patient gave.
    const doctor = await page.context().browser()!.newContext({ baseURL: test.info().project.use.baseURL });
    const doctorPage = await doctor.newPage();
    await signedIn(doctorPage, USERS.doctor);
    const search = await doctorPage.request.post("/api/v1/visits/search", { data: { q: familyName } });
    expect(((await search.json()) as { rows: { id: string }[] }).rows.map((r) => r.id)).toContain(visitId);
    await doctorPage.goto(`/review/${visitId}`);
    await expect(doctorPage.getByText("The patient answered these questions themselves (in Spanish)")).toBeVisible();
    await expect(doctorPage.getByText("Corrected by staff. The patient answered: 53 years")).toBeVisible();
    await expect(doctorPage.getByText("Given by the patient").first()).toBeVisible();
    await expectNoAxeViolations(doctorPage);

    // The exports say so too: the PDF by answer, FHIR with the Patient as the response's author and source.
    const pdf = await doctorPage.request.get(`/api/v1/visits/${visitId}/summary.pdf`);
    expect(pdf.status()).toBe(200);
    const text = (await pdfText(await pdf.body())).pages.join("\n").replace(/\s+/g, " ");
    expect(text).toContain("Answered by: The patient, in Spanish, finished");
    expect(text).toContain("How old is the patient? 54 years Corrected by staff. The patient answered: 53 years");
    expect(text).toMatch(/right now\? 6 points \(0-10\) Given by the patient/);
    const fhir = await doctorPage.request.get(`/api/v1/visits/${visitId}/fhir`);
    expect(fhir.status()).toBe(200);
    const bundle = (await fhir.json()) as Bundle;
    expect(bundleErrors(bundle)).toEqual([]);
    const qr = bundle.entry!.map((e) => e.resource!).find((r) => r.resourceType === "QuestionnaireResponse") as QuestionnaireResponse;
    const patientRef = `urn:uuid:${visit.patient.id}`;
    expect(qr.author?.reference).toBe(patientRef);
    expect(qr.source?.reference).toBe(patientRef);
    const ageItem = qr.item!.flatMap((g) => g.item ?? []).find((i) => i.linkId === "age_years")!;
    expect(ageItem.answer).toEqual([{ valueInteger: 54 }]);
    expect(ageItem.extension?.find((x) => x.url.endsWith("/patient-answer"))?.valueInteger).toBe(53);
    await doctor.close();
  });

  test("in English on a phone and in Spanish on a tablet: every part fits and is axe-clean, and an answer typed just before leaving is kept", async ({ browser }) => {
    // Two journeys through every part, with axe on each: longer than one page's test.
    test.setTimeout(150_000);
    for (const [viewport, language] of [[PHONE, "en"], [TABLET, "es"]] as const) {
      const { visitId, url } = await visitWithLink(staff, `Size${language}`);
      const { context, page } = await patientPage(browser, viewport);
      await page.goto(url);
      if (language === "es") await page.getByLabel("Español").check();
      await page.getByRole("button", { name: language === "es" ? "Continuar" : "Continue" }).click();
      await confirm(page);
      const step = language === "es" ? /^Parte (\d) de (\d)$/ : /^Part (\d) of (\d)$/;
      await expect(page.getByText(step)).toBeVisible();
      // Typed, then the page is left at once (well inside the autosave pause): the answer is saved on the way out.
      await page.locator('input[name="age_years"]').fill("47");
      await page.goto("about:blank");
      await expect.poll(() => visitAnswers(staff, visitId).then((a) => a.age_years), { timeout: 10_000 }).toBe(47);
      await page.goto(url);
      await expect(page.locator('input[name="age_years"]')).toHaveValue("47");
      const total = Number(step.exec((await page.getByText(step).textContent())!)![2]);
      for (let part = 1; part <= total; part++) {
        await expect(page.getByText(step)).toHaveText(step);
        await expectFitsAndTargets(page);
        await expectNoAxeViolations(page);
        if (part < total) await nextPart(page, language === "es" ? /^Siguiente$/ : /^Next$/);
      }
      await page.getByRole("button", { name: language === "es" ? /He terminado/ : /I have finished/ }).click();
      await expect(page.getByRole("heading", { level: 1, name: language === "es" ? "Gracias" : "Thank you" })).toBeVisible();
      await context.close();
    }
  });

  test("at 200% zoom, by keyboard alone, with what a screen reader reads: the patient's page in Spanish", async ({ browser }) => {
    const { visitId, url } = await visitWithLink(staff, "Zoom");
    // A 1280 x 800 screen at 200% zoom: 640 x 400 CSS pixels, each drawn with 2 device pixels.
    const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, baseURL: test.info().project.use.baseURL });
    const page = await context.newPage();
    await page.goto(url);
    await expectFitsAndTargets(page);
    // Language: a radio group a screen reader names; chosen with the arrow keys.
    await expect(page.getByRole("radiogroup").or(page.getByRole("group")).first()).toBeVisible();
    await tabTo(page, page.getByRole("radio", { name: "English" }));
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("radio", { name: "Español" })).toBeChecked();
    await tabTo(page, page.getByRole("button", { name: "Continuar" }));
    await page.keyboard.press("Enter");
    // Birth date: three named boxes, typed and sent with Enter.
    await tabTo(page, page.getByRole("textbox", { name: /Día/ }).or(page.getByRole("spinbutton", { name: /Día/ })));
    await page.keyboard.type(BIRTH.day);
    await page.keyboard.press("Tab");
    await page.keyboard.type(BIRTH.month);
    await page.keyboard.press("Tab");
    await page.keyboard.type(BIRTH.year);
    await page.keyboard.press("Enter");
    // The first part: its heading has the focus, the question is named in the patient's language, saving is announced.
    await expect(page.getByText(/^Parte 1 de \d$/)).toBeVisible();
    await expectFitsAndTargets(page);
    await expectNoAxeViolations(page);
    const age = page.getByRole("spinbutton", { name: es.questions.age_years!.label }).or(page.getByRole("textbox", { name: es.questions.age_years!.label }));
    await tabTo(page, age);
    await page.keyboard.type("200");
    await page.keyboard.press("Tab");
    // A wrong answer is described on the field itself, so a screen reader reads it with the question.
    await expect(age).toHaveAccessibleDescription(/Escriba un número entre 0 y 110/);
    await age.focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("58");
    await expect(page.getByRole("status")).toHaveText(/Guardad/, { timeout: 10_000 });
    await tabTo(page, page.getByRole("button", { name: /^Siguiente$/ }));
    await page.keyboard.press("Enter");
    await expect(page.getByText(/^Parte 2 de \d$/)).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    // The pain score: an 11-point scale a screen reader reads as one named group of choices.
    const pain = page.getByRole("radiogroup", { name: es.questions.pain_score_now!.label }).or(page.getByRole("group", { name: es.questions.pain_score_now!.label }));
    await expect(pain).toBeVisible();
    await tabTo(page, pain.getByRole("radio").first());
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect(pain.getByRole("radio", { name: "2" })).toBeChecked();
    await expectFitsAndTargets(page);
    await expectNoAxeViolations(page);
    await expect.poll(() => visitAnswers(staff, visitId).then((a) => [a.age_years, a.pain_score_now]), { timeout: 10_000 }).toEqual([58, 2]);
    await context.close();
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

    // A doctor who follows the alert sees why it is an emergency and what was answered so far, and takes it,
    // although the intake is not submitted yet.
    const doctor = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const doctorPage = await doctor.newPage();
    await signedIn(doctorPage, USERS.doctor);
    await doctorPage.goto(`/review/${mine.visitId}`);
    await expect(doctorPage.locator(".banner-emergency")).toContainText("Emergency: the answers so far mean the patient needs emergency assessment now");
    await expect(doctorPage.getByText("The intake is still being answered")).toBeVisible();
    await expect(doctorPage.locator(".answer-abnormal").filter({ hasText: "saddle" })).toContainText("Yes");
    await expectNoAxeViolations(doctorPage);
    await doctorPage.getByRole("button", { name: "I'm on it" }).first().click();
    await expect(doctorPage.getByText(/acknowledged/i).first()).toBeVisible();
    await doctor.close();
  });
});
