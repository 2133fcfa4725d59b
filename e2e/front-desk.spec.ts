// The front desk (issue 18, item 5): search as you type by name (typos forgiven), MRN or date of birth in any common
// format; a likely duplicate held back until someone says it is a different person; the register form on the first
// screen; the staff home page's day.
import { mkdirSync, readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, signedIn, signIn, USERS, shotPath } from "./support";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const SHOTS = "docs/screenshots";
const vignettes = JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: Record<string, unknown> }[] };
const intake = (id: string) => vignettes.vignettes.find((v) => v.id === id)!.intake;

/** Letters only, unique per call (names are matched by trigrams of letters), and an MRN to go with them. */
let counter = 0;
function unique(): { mrn: string; letters: string } {
  const n = Date.now() * 100 + (counter++ % 100);
  const letters = [...n.toString(26)].reverse().map((c) => String.fromCharCode(97 + parseInt(c, 26))).join("");
  return { mrn: `FD-${n}`, letters };
}

async function register(page: Page, data: { givenName: string; familyName: string; birthDate: string }) {
  const response = await page.request.post("/api/v1/patients", { data: { mrn: unique().mrn, sex: "female", ...data } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; mrn: string; givenName: string; familyName: string; birthDate: string };
}

const searchBox = (page: Page) => page.getByRole("searchbox", { name: /Search by name or MRN/ });
const results = (page: Page) => page.locator("table.patient-table");
const registerForm = (page: Page) => page.locator("form", { has: page.getByRole("button", { name: "Register patient" }) });

async function openIntake(page: Page) {
  await page.goto("/intake");
  await expect(page.getByRole("button", { name: "Search", exact: true })).toBeEnabled();
}

function searchRequests(page: Page): string[] {
  const bodies: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/patients/search") bodies.push(r.postData() ?? "");
  });
  return bodies;
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  // The first sign-in of a run can be slow (a cold server on a busy machine hashing the password).
  await signIn(page, USERS.staff);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible({ timeout: 30_000 });
});

test("the finder searches as you type, without Enter, and forgives a typo: “garica” finds Garcia", async ({ page }) => {
  await openIntake(page);
  const sent = searchRequests(page);
  await searchBox(page).pressSequentially("garica", { delay: 40 });
  // No Enter, no button: the pause after typing is enough.
  await expect(results(page).locator("caption")).toContainText("match “garica”");
  await expect(results(page).getByRole("link", { name: "Garcia, Maria" })).toBeVisible();
  await expect(results(page).locator("caption")).toContainText("best matches first");
  // Debounced: one search for the word, not one per key.
  expect(sent.length).toBeLessThanOrEqual(2);
  expect(sent.at(-1)).toContain('"q":"garica"');
  // The text stays out of the page URL.
  expect(decodeURIComponent(page.url()).toLowerCase()).not.toContain("garica");
  await expectNoAxeViolations(page);

  // The exact MRN comes first, typed as you go too.
  await searchBox(page).fill("mrn-100001");
  await expect(results(page).locator("caption")).toContainText("“mrn-100001”");
  await expect(results(page).getByRole("row").nth(1)).toContainText("MRN-100001");
});

test("a date of birth typed in different formats finds the patient", async ({ page }) => {
  const { letters } = unique();
  const patient = await register(page, { givenName: "Odile", familyName: `Brisbois${letters}`, birthDate: "1938-11-23" });
  await openIntake(page);
  for (const typed of ["23 Nov 1938", "11/23/1938", "23.11.1938", "1938-11-23"]) {
    await searchBox(page).fill(typed);
    await expect(results(page).locator("caption"), typed).toContainText(`“${typed}”`);
    await expect(results(page).getByRole("link", { name: `${patient.familyName}, Odile` }), typed).toBeVisible();
  }
  // With the name, the date narrows the list to the one person.
  await searchBox(page).fill(`brisbois${letters} 23/11/1938`);
  await expect(results(page).locator("caption")).toContainText("1 patient matches");
});

test("the API holds back a likely duplicate with its matches (409) until confirmDistinct: true (201)", async ({ page }) => {
  const { letters } = unique();
  const first = await register(page, { givenName: "Maëlle", familyName: `Duplessis${letters}`, birthDate: "1947-08-19" });
  const again = { mrn: unique().mrn, givenName: "MAELLE", familyName: first.familyName.toUpperCase(), birthDate: "1947-08-19", sex: "female" };
  const held = await page.request.post("/api/v1/patients", { data: again });
  expect(held.status()).toBe(409);
  const body = (await held.json()) as { error: { code: string; message: string; matches: unknown[] } };
  expect(body.error.code).toBe("conflict");
  expect(body.error.message).not.toContain(first.familyName);
  expect(body.error.matches).toEqual([{ id: first.id, mrn: first.mrn, givenName: "Maëlle", familyName: first.familyName, birthDate: "1947-08-19" }]);
  const confirmed = await page.request.post("/api/v1/patients", { data: { ...again, confirmDistinct: true } });
  expect(confirmed.status()).toBe(201);
  expect(((await confirmed.json()) as { id: string }).id).not.toBe(first.id);
  // A taken MRN is still its own 409, naming the record.
  const taken = await page.request.post("/api/v1/patients", { data: { ...again, mrn: first.mrn, confirmDistinct: true } });
  expect(taken.status()).toBe(409);
  expect(((await taken.json()) as { error: { existing: { id: string } } }).error.existing).toEqual({ id: first.id });
  // A non-boolean confirmation is a 400 naming the field.
  const bad = await page.request.post("/api/v1/patients", { data: { ...again, confirmDistinct: "yes" } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(["confirmDistinct"]);
});

test("registering someone who may already be registered shows the matches and needs “This is a different person”", async ({ page }) => {
  const { letters } = unique();
  const first = await register(page, { givenName: "José", familyName: `Carvalho${letters}`, birthDate: "1955-02-14" });
  await openIntake(page);
  const form = registerForm(page);
  const mrn = unique().mrn;
  await form.getByLabel("MRN", { exact: true }).fill(mrn);
  await form.getByLabel("Given name").fill("Jose");
  await form.getByLabel("Family name").fill(first.familyName.toLowerCase());
  await form.getByLabel("Date of birth").fill("1955-02-14");
  await form.getByLabel("Sex").selectOption("male");
  await form.getByRole("button", { name: "Register patient" }).click();

  const alert = form.getByRole("alert");
  await expect(alert.getByRole("heading", { name: "This person may already be registered" })).toBeVisible();
  await expect(alert).toBeFocused();
  const open = alert.getByRole("link", { name: new RegExp(`^Open ${first.familyName}, José`) });
  await expect(open).toHaveAttribute("href", `/patients/${first.id}`);
  await expect(alert).toContainText(`MRN ${first.mrn}, born 14 Feb 1955`);
  await expect(page).toHaveURL(/\/intake$/);
  await expectNoAxeViolations(page);
  // Nothing was registered: the new MRN finds nobody.
  const none = await page.request.post("/api/v1/patients/search", { data: { q: mrn } });
  expect(((await none.json()) as { total: number }).total).toBe(0);

  // The explicit way on: a different person is registered, and their page opens.
  await alert.getByRole("button", { name: "This is a different person: register" }).click();
  await expect(page).toHaveURL(new RegExp(`/patients/${UUID}$`));
  expect(page.url()).not.toContain(first.id);
  await expect(page.getByText(mrn.toUpperCase(), { exact: true })).toBeVisible();
});

test("the register form's first field is on the first screen: side by side on a desktop, one tap away on a phone", async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  await openIntake(page);
  const mrnField = registerForm(page).getByLabel("MRN", { exact: true });
  await expect(mrnField).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.getByRole("link", { name: "Register a new patient" })).toBeHidden();
  await page.screenshot({ path: shotPath(`${SHOTS}/front-desk-1366x800.png`) });

  for (const [width, height] of [[820, 1180], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await openIntake(page);
    const jump = page.getByRole("link", { name: "Register a new patient" });
    await expect(jump).toBeInViewport();
    const box = (await jump.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: shotPath(`${SHOTS}/front-desk-${width}x${height}.png`) });
    await jump.click();
    await expect(mrnField).toBeInViewport();
    await expectNoAxeViolations(page);
  }
});

test("the staff home page lists today's open drafts and submitted visits, each linking to its page", async ({ page }) => {
  const { letters } = unique();
  const patient = await register(page, { givenName: "Tilda", familyName: `Homepage${letters}`, birthDate: "1966-06-16" });
  const draft = (await (await page.request.post("/api/v1/visits", { data: { patientId: patient.id } })).json()) as { id: string };
  const toSubmit = (await (await page.request.post("/api/v1/visits", { data: { patientId: patient.id } })).json()) as { id: string; version: number };
  const submitted = await page.request.post(`/api/v1/visits/${toSubmit.id}/submit`, { data: { version: toSubmit.version, answers: intake("LBP-V17") } });
  expect(submitted.status()).toBe(200);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Welcome, Sam Staff", level: 1 })).toBeVisible();
  const drafts = page.locator("section", { has: page.getByRole("heading", { name: "Open drafts today" }) });
  await expect(drafts.getByRole("link", { name: new RegExp(`^Resume ${patient.familyName}, Tilda`) })).toHaveAttribute("href", `/visits/${draft.id}/intake`);
  const done = page.locator("section", { has: page.getByRole("heading", { name: "Submitted today" }) });
  const openResult = done.getByRole("link", { name: new RegExp(`^Open ${patient.familyName}, Tilda`) });
  await expect(openResult).toHaveAttribute("href", `/visits/${toSubmit.id}`);
  await expect(openResult).toContainText(`MRN ${patient.mrn}`);
  // The time is the clinic's, as hh:mm.
  await expect(openResult.locator("time")).toHaveText(/^\d{2}:\d{2}$/);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: shotPath(`${SHOTS}/front-desk-home-1366x800.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(drafts).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: shotPath(`${SHOTS}/front-desk-home-390x844.png`), fullPage: true });

  await openResult.click();
  await expect(page).toHaveURL(new RegExp(`/visits/${toSubmit.id}$`));

  // Clinicians keep the home page they had: no front-desk lists.
  await page.context().clearCookies();
  await signedIn(page, USERS.doctor);
  await expect(page.getByRole("heading", { name: "Open drafts today" })).toHaveCount(0);
});
