// The patient screens: list and search, registration (with its errors), the patient page, starting a visit.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./support";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Letters only, unique per call: names may not hold digits in a readable way, and MRNs must not repeat. */
let counter = 0;
function unique(): { mrn: string; letters: string } {
  const n = Date.now() * 100 + (counter++ % 100);
  const letters = n
    .toString(26)
    .split("")
    .map((c) => String.fromCharCode(97 + parseInt(c, 26)))
    .join("");
  return { mrn: `E2E-${n}`, letters };
}

/** Registers a patient through the API as the signed-in user (the form itself is tested separately). */
async function registerViaApi(page: Page, overrides: Record<string, string> = {}) {
  const { mrn, letters } = unique();
  // Test patients share a birth date and near names: they are different people (the duplicate check: front-desk.spec.ts).
  const body = { mrn, givenName: "Robin", familyName: `Apitest${letters}`, birthDate: "1975-03-14", sex: "other", confirmDistinct: true, ...overrides };
  const response = await page.request.post("/api/v1/patients", { data: body });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string; mrn: string; givenName: string; familyName: string };
}

const registerForm = (page: Page) => page.locator("form", { has: page.getByRole("button", { name: "Register patient" }) });

const finder = (page: Page) => page.locator("section", { has: page.getByRole("heading", { name: "Find a patient" }) });
const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search by name or MRN" });
const SEARCH_KEY = "backline.patientSearch";

/** Patient data never appears in the page URL: not the search text, not a `q=` parameter. */
function expectCleanUrl(page: Page, ...searched: string[]) {
  const url = decodeURIComponent(page.url()).toLowerCase();
  expect(new URL(page.url()).pathname).toBe("/intake");
  expect(url).not.toContain("q=");
  for (const text of searched) expect(url).not.toContain(text.toLowerCase());
}

/** Nothing patient-related is kept in localStorage (it outlives the tab and the session). */
async function expectNothingInLocalStorage(page: Page, ...searched: string[]) {
  const stored = (await page.evaluate(() => JSON.stringify(window.localStorage))).toLowerCase();
  for (const text of searched) expect(stored).not.toContain(text.toLowerCase());
}

/** The finder is hydrated (its Search button is enabled until then disabled), so typing and Enter search. */
async function openIntake(page: Page) {
  await page.goto("/intake");
  await expect(finder(page).getByRole("button", { name: "Search", exact: true })).toBeEnabled();
}

const savedSearch = (page: Page) => page.evaluate((key) => window.sessionStorage.getItem(key), SEARCH_KEY);

test.beforeEach(async ({ page }) => {
  await signIn(page, USERS.staff);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
});

/** Every URL the page requests (documents, API calls, scripts): a search must be in none of them. */
function recordRequests(page: Page): { method: string; url: string; body: string | null }[] {
  const requested: { method: string; url: string; body: string | null }[] = [];
  page.on("request", (r) => requested.push({ method: r.method(), url: r.url(), body: r.postData() }));
  return requested;
}

function expectInNoRequestUrl(requested: { method: string; url: string }[], ...searched: string[]) {
  const leaked = requested.filter(
    (r) => /[?&]q=/i.test(r.url) || searched.some((text) => decodeURIComponent(r.url).toLowerCase().includes(text.toLowerCase())),
  );
  expect(leaked.map((r) => `${r.method} ${r.url}`)).toEqual([]);
}

test("staff register a patient, land on the patient page, and find them again by name and by MRN", async ({ page }) => {
  const requested = recordRequests(page);
  const { mrn, letters } = unique();
  const familyName = `Quenneville${letters}`;
  await page.goto("/intake");
  await expect(page.getByRole("heading", { name: "Intake", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  const form = registerForm(page);
  await form.getByLabel("MRN", { exact: true }).fill(mrn.toLowerCase());
  await form.getByLabel("Given name").fill("Harriet");
  await form.getByLabel("Family name").fill(familyName);
  await form.getByLabel("Date of birth").fill("1980-05-06");
  await form.getByLabel("Sex").selectOption("female");
  await form.getByRole("button", { name: "Register patient" }).click();

  await expect(page).toHaveURL(new RegExp(`/patients/${UUID}$`));
  await expect(page.getByRole("heading", { name: `Harriet ${familyName}`, level: 1 })).toBeVisible();
  // The schema upper-cases the MRN, on the client and the server alike.
  await expect(page.getByText(mrn, { exact: true })).toBeVisible();
  await expect(page.getByText("6 May 1980")).toBeVisible();
  await expect(page.getByText("No visits yet.")).toBeVisible();
  await expectNoAxeViolations(page);
  const patientUrl = page.url();

  // Back to the list, search by part of the family name: the results come without the text in the URL.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Intake" }).click();
  await expect(page.getByRole("heading", { name: "Intake", level: 1 })).toBeVisible();
  const search = searchBox(page);
  const fragment = familyName.slice(3).toLowerCase();
  await search.fill(fragment);
  await search.press("Enter");
  const results = page.locator("table.patient-table");
  const status = finder(page).getByRole("status");
  await expect(results.locator("caption")).toContainText(`1 patient matches “${fragment}”`);
  await expect(results.getByRole("row")).toHaveCount(2);
  await expect(results.getByRole("cell", { name: mrn, exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Patient list pages" })).toContainText("Page 1 of 1");
  await expect(status).toHaveAttribute("aria-live", "polite");
  await expect(status).toHaveText(`1 patient matches “${fragment}”. Page 1 of 1.`);
  expectCleanUrl(page, fragment);
  await expectNoAxeViolations(page);

  // And by MRN; the name links to the patient page.
  await search.fill(mrn);
  await finder(page).getByRole("button", { name: "Search", exact: true }).click();
  await expect(results.locator("caption")).toContainText(`1 patient matches “${mrn}”`);
  await expect(results.getByRole("row")).toHaveCount(2);
  expectCleanUrl(page, mrn, fragment);
  await expectNothingInLocalStorage(page, mrn, fragment);
  await results.getByRole("link", { name: `${familyName}, Harriet` }).click();
  await expect(page).toHaveURL(patientUrl);

  // The back button returns to the search as it was, still without it in the URL.
  await page.goBack();
  await expect(page).toHaveURL(/\/intake$/);
  await expect(search).toHaveValue(mrn);
  await expect(results.locator("caption")).toContainText(`1 patient matches “${mrn}”`);
  await expect(results.getByRole("row")).toHaveCount(2);
  await expect(results.getByRole("cell", { name: mrn, exact: true })).toBeVisible();
  expectCleanUrl(page, mrn);

  // Clear empties the box, shows the whole list again, forgets the search, and leaves focus in the box.
  await finder(page).getByRole("button", { name: "Clear search" }).click();
  await expect(search).toHaveValue("");
  await expect(search).toBeFocused();
  await expect(results.locator("caption")).toHaveText(/^\d+ patients?(, showing 1 to \d+)?, sorted by family name$/);
  await expect(finder(page).getByRole("button", { name: "Clear search" })).toHaveCount(0);
  expect(await savedSearch(page)).toBeNull();
  await page.reload();
  await expect(finder(page).getByRole("button", { name: "Search", exact: true })).toBeEnabled();
  await expect(search).toHaveValue("");
  await expect(results.locator("caption")).not.toContainText("“");

  // The searches went to the server in POST bodies only: no request URL held the name or the MRN.
  expectInNoRequestUrl(requested, fragment, mrn);
  const searches = requested.filter((r) => r.method === "POST" && new URL(r.url).pathname === "/api/v1/patients/search");
  expect(searches.some((r) => r.body?.includes(fragment))).toBe(true);
  expect(searches.some((r) => r.body?.includes(mrn))).toBe(true);
});

test("a search that matches nobody shows an empty state, and old ?q= links land on the bare page", async ({ page }) => {
  // Search URLs from before the change (in histories and bookmarks) lose their patient data.
  await page.goto("/intake?q=garcia&page=2");
  await expect(page).toHaveURL(/\/intake$/);
  await expect(finder(page).getByRole("button", { name: "Search", exact: true })).toBeEnabled();
  await expect(searchBox(page)).toHaveValue("");

  const term = `${unique().letters}zzz`;
  await searchBox(page).fill(term);
  await searchBox(page).press("Enter");
  await expect(finder(page).locator(".empty-state")).toContainText(`No patient matches “${term}”. Check the spelling or the MRN`);
  await expect(finder(page).getByRole("status")).toHaveText(`No patient matches “${term}”.`);
  await expect(page.getByRole("link", { name: "register the patient" })).toBeVisible();
  await expect(page.locator("table.patient-table")).toHaveCount(0);
  expectCleanUrl(page, term);
  await expectNoAxeViolations(page);

  // A saved page past the end (the list shrank, or a stale tab) offers the last page.
  const me = (await (await page.request.get("/api/v1/me")).json()) as { user: { id: string } };
  await page.evaluate(
    ({ key, owner }) => window.sessionStorage.setItem(key, JSON.stringify({ q: "", page: 999, owner })),
    { key: SEARCH_KEY, owner: me.user.id },
  );
  await page.reload();
  await expect(finder(page).locator(".empty-state")).toContainText(/There is no page 999: the list has \d+ pages?\./);
  await finder(page).getByRole("button", { name: "Go to the last page" }).click();
  const results = page.locator("table.patient-table");
  await expect(results).toBeVisible();
  await expect(results).toBeFocused();
  await expect(page.getByText(/^Page (\d+) of \1$/)).toBeVisible();
  expectCleanUrl(page);

  // A search saved in this tab by another user (signed out, someone else signed in) is not shown.
  await page.evaluate((key) => window.sessionStorage.setItem(key, JSON.stringify({ q: "garcia", page: 1, owner: "someone-else" })), SEARCH_KEY);
  await page.reload();
  await expect(finder(page).getByRole("button", { name: "Search", exact: true })).toBeEnabled();
  await expect.poll(() => savedSearch(page)).toBeNull();
  await expect(page.getByText(/^Page 1 of \d+$/)).toBeVisible();
  await expect(searchBox(page)).toHaveValue("");
  await expect(results.locator("caption")).not.toContainText("garcia");
});

test("when the session has ended, a search says so and forgets the search text", async ({ page }) => {
  await openIntake(page);
  await searchBox(page).fill("garcia");
  await searchBox(page).press("Enter");
  await expect(page.locator("table.patient-table caption")).toContainText("“garcia”");
  await page.context().clearCookies();
  await searchBox(page).fill("khan");
  await searchBox(page).press("Enter");
  const alert = finder(page).getByRole("alert");
  await expect(alert).toContainText("Your session has ended. Sign in again to search for patients.");
  await expect(alert.getByRole("link", { name: "Sign in again" })).toBeVisible();
  expect(await savedSearch(page)).toBeNull();
  expectCleanUrl(page, "garcia", "khan");
});

test("search results are paged 25 at a time with Previous and Next buttons, without the URL", async ({ page }) => {
  const requested = recordRequests(page);
  const family = `Pagetest${unique().letters}`;
  for (let i = 0; i < 26; i++) await registerViaApi(page, { familyName: family, givenName: `Given${String.fromCharCode(97 + i)}` });
  await openIntake(page);
  const search = searchBox(page);
  await search.fill(family);
  await search.press("Enter");
  // Wait for the search itself: the unfiltered list may also have two pages.
  const results = page.locator("table.patient-table");
  const caption = results.locator("caption");
  const status = finder(page).getByRole("status");
  await expect(caption).toHaveText(`26 patients match “${family}”, showing 1 to 25, best matches first`);
  const pager = page.getByRole("navigation", { name: "Patient list pages" });
  await expect(pager).toContainText("Page 1 of 2");
  await expect(results.getByRole("row")).toHaveCount(26);
  await expect(pager.getByRole("button", { name: "Previous page" })).toHaveCount(0);
  await expect(pager.getByRole("link")).toHaveCount(0);

  // While the next page loads, the screen says so (in words, not only by a spinner).
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    /\/api\/v1\/patients\/search$/,
    async (route) => {
      await held;
      await route.continue();
    },
    { times: 1 },
  );
  // Keyboard: the pager buttons work with Enter, and focus is never dropped when a button goes away.
  await pager.getByRole("button", { name: "Next page" }).press("Enter");
  await expect(status).toHaveText("Searching…");
  await expect(status).toBeVisible();
  await expect(results).toHaveAttribute("aria-busy", "true");
  release();
  await expect(pager).toContainText("Page 2 of 2");
  await expect(caption).toHaveText(`26 patients match “${family}”, showing 26 to 26, best matches first`);
  await expect(status).toHaveText(`26 patients match “${family}”. Page 2 of 2.`);
  await expect(results).not.toHaveAttribute("aria-busy", "true");
  await expect(results.getByRole("row")).toHaveCount(2);
  await expect(results.getByRole("link", { name: `${family}, Givenz` })).toBeVisible();
  await expect(pager.getByRole("button", { name: "Next page" })).toHaveCount(0);
  await expect(pager.getByRole("button", { name: "Previous page" })).toBeFocused();
  expectCleanUrl(page, family);
  await expectNoAxeViolations(page);

  await page.keyboard.press("Enter");
  await expect(pager).toContainText("Page 1 of 2");
  await expect(pager.getByRole("button", { name: "Next page" })).toBeFocused();
  await pager.getByRole("button", { name: "Next page" }).click();
  await expect(pager).toContainText("Page 2 of 2");

  // Back from a patient page returns to the same page of the same search.
  await results.getByRole("link", { name: `${family}, Givenz` }).click();
  await expect(page).toHaveURL(new RegExp(`/patients/${UUID}$`));
  await page.goBack();
  await expect(search).toHaveValue(family);
  await expect(caption).toHaveText(`26 patients match “${family}”, showing 26 to 26, best matches first`);
  await expect(pager).toContainText("Page 2 of 2");
  expectCleanUrl(page, family);
  await expectNothingInLocalStorage(page, family);
  expectInNoRequestUrl(requested, family);
});

test("a duplicate MRN names the existing record, without a patient name, and links to it", async ({ page }) => {
  await page.goto("/intake");
  const form = registerForm(page);
  // Seeded patient MRN-100001 (Maria Garcia), typed in lower case: the schema normalises it.
  await form.getByLabel("MRN", { exact: true }).fill("mrn-100001");
  await form.getByLabel("Given name").fill("Someone");
  await form.getByLabel("Family name").fill("Else");
  await form.getByLabel("Date of birth").fill("1990-02-03");
  await form.getByLabel("Sex").selectOption("male");
  await form.getByRole("button", { name: "Register patient" }).click();

  const alert = form.getByRole("alert");
  await expect(alert).toContainText("A patient with MRN MRN-100001 is already registered.");
  await expect(alert).toBeFocused();
  await expect(alert).not.toContainText("Garcia");
  await expect(form.getByLabel("MRN", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);

  await alert.getByRole("link", { name: "Open the existing record" }).click();
  await expect(page).toHaveURL(new RegExp(`/patients/${UUID}$`));
  await expect(page.getByRole("heading", { name: "Maria Garcia", level: 1 })).toBeVisible();
  await expect(page.getByText("MRN-100001", { exact: true })).toBeVisible();
});

test("an empty registration lists every field error, and focus moves to the first problem", async ({ page }) => {
  await page.goto("/intake");
  const form = registerForm(page);
  await form.getByRole("button", { name: "Register patient" }).click();

  const mrnInput = form.getByLabel("MRN", { exact: true });
  await expect(mrnInput).toBeFocused();
  await expect(page).toHaveURL(/\/intake$/);
  const summary = form.locator(".register-summary");
  await expect(summary.getByRole("heading", { name: "There are 5 problems with the registration" })).toBeVisible();
  await expect(summary.getByRole("link")).toHaveText([
    /^MRN: MRN must be/,
    "Given name: Given name is required",
    "Family name: Family name is required",
    /^Date of birth: /,
    /^Sex: /,
  ]);
  for (const label of ["Given name", "Family name", "Date of birth", "Sex"]) {
    await expect(form.getByLabel(label)).toHaveAttribute("aria-invalid", "true");
  }
  await expect(mrnInput).toHaveAccessibleDescription(/MRN must be 3 to 32 letters/);
  await expectNoAxeViolations(page);

  // Fixing the first field moves focus to the next problem on the next attempt.
  await mrnInput.fill(unique().mrn);
  await form.getByRole("button", { name: "Register patient" }).click();
  await expect(form.getByLabel("Given name")).toBeFocused();
  await expect(summary.getByRole("link")).toHaveCount(4);

  // The summary links move focus to their field.
  await summary.getByRole("link", { name: /^Sex:/ }).click();
  await expect(form.getByLabel("Sex")).toBeFocused();
});

test("starting a visit from the patient page opens its intake, and the draft is listed for resuming", async ({ page }) => {
  page.on("dialog", (dialog) => void dialog.accept());
  const patient = await registerViaApi(page);
  await page.goto(`/patients/${patient.id}`);
  await page.getByRole("button", { name: "Start a new visit" }).click();
  await expect(page).toHaveURL(new RegExp(`/visits/${UUID}/intake$`));
  const visitId = new URL(page.url()).pathname.split("/")[2];

  await page.goto("/intake");
  const drafts = page.locator("section", { has: page.getByRole("heading", { name: "Open drafts" }) });
  const row = drafts.getByRole("row").filter({ hasText: patient.mrn });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Sam Staff");
  await expect(row.getByRole("link", { name: /^Resume/ })).toHaveAttribute("href", `/visits/${visitId}/intake`);

  await page.goto(`/patients/${patient.id}`);
  const history = page.locator("section", { has: page.getByRole("heading", { name: "Visit history" }) });
  await expect(history.getByRole("row")).toHaveCount(2);
  await expect(history.getByRole("row").nth(1)).toContainText("Draft");
  await expect(history.getByRole("row").nth(1).getByRole("link")).toHaveAttribute("href", `/visits/${visitId}/intake`);
  await expect(page.getByRole("link", { name: "Resume that intake" })).toHaveAttribute("href", `/visits/${visitId}/intake`);
});

test("the patient page charts the pain score across visits, with the numbers also in a table", async ({ page }) => {
  const patient = await registerViaApi(page);
  for (const score of [7, 4]) {
    const started = await page.request.post("/api/v1/visits", { data: { patientId: patient.id } });
    expect(started.status()).toBe(201);
    const { id } = (await started.json()) as { id: string };
    const visit = (await (await page.request.get(`/api/v1/visits/${id}`)).json()) as { version: number; answers: Record<string, unknown> };
    const saved = await page.request.put(`/api/v1/visits/${id}/answers`, {
      data: { version: visit.version, answers: { ...visit.answers, pain_score_now: score } },
    });
    expect(saved.status()).toBe(200);
  }

  await page.goto(`/patients/${patient.id}`);
  const chart = page.getByRole("img", { name: /^Pain score chart, 0 to 10, across 2 visits/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleName(/7 at the first visit and 4 at the latest \(falling\)/);
  await page.getByText("Show the pain scores as a table").click();
  const table = page.getByRole("table", { name: "Pain score at each visit, oldest first" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row").nth(1).getByRole("cell").first()).toHaveText("7");
  await expect(table.getByRole("row").nth(2).getByRole("cell").first()).toHaveText("4");
  await expectNoAxeViolations(page);
});

test("unknown and malformed patient ids are not found", async ({ page }) => {
  expect((await page.goto("/patients/not-a-uuid"))?.status()).toBe(404);
  expect((await page.goto("/patients/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
