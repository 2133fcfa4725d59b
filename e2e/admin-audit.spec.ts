// Issue 18, item 7: the audit log in words (actor, action, formatted details, patients as short ids for admins),
// compact pages, the CSV export (downloaded, audited), deactivation that asks first, the last sign-in in the user
// list, and one-time set-password links that work once. At 1366x800, axe-clean.
import { mkdirSync, readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { createAccount, demo, uniqueEmail } from "./accounts";
import { expectNoAxeViolations, signIn, USERS, shotPath } from "./support";

test.use({ viewport: { width: 1366, height: 800 } });

const SHOTS = "docs/screenshots";
const shot = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: shotPath(`${SHOTS}/${name}-1366x800.png`) });
};

async function asAdmin(page: Page) {
  await signIn(page, USERS.admin);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const DATE_TIME = /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/;

test("the audit log reads in words, with formatted details and short patient ids, pages compactly, and exports an audited CSV", async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const staff = await demo(playwright.request, baseURL!, "staff");
  const mrn = `AUW-${Date.now().toString(36).toUpperCase()}`;
  const created = await staff.post("/api/v1/patients", { data: { mrn, givenName: "Wordy", familyName: "Trail", birthDate: "1971-02-03", sex: "female" } });
  expect(created.status(), await created.text()).toBe(201);
  const patient = (await created.json()) as { id: string };
  expect((await staff.get(`/api/v1/patients/${patient.id}`)).status()).toBe(200);
  for (let i = 0; i < 52; i++) await staff.get("/api/v1/visits/drafts");
  await staff.dispose();

  await asAdmin(page);
  await page.goto("/admin/audit");
  const table = page.locator("table.audit-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  // Hydrated (the form's buttons are enabled then): choices made before would be reset.
  await expect(page.getByRole("button", { name: "Show events" })).toBeEnabled();

  // One patient's trail: the read and the registration, in words; the patient as a short id; no raw JSON.
  await page.getByLabel("Patient MRN or id").fill(mrn);
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(table.locator("caption")).toHaveText(/events 1 to 2 of 2$/);
  const [read, registered] = [table.locator("tbody tr").first(), table.locator("tbody tr").nth(1)];
  await expect(read.locator("td").nth(1)).toHaveText("Sam Staff");
  await expect(read.locator("td").nth(2)).toHaveText("Opened a patient's record");
  await expect(read.locator("td").nth(3)).toHaveText(`Patient ${patient.id.slice(0, 8)}`);
  await expect(read.locator("td").nth(4)).toHaveText(patient.id.slice(0, 8));
  await expect(read.locator("td").nth(5)).toHaveText("Visits: 0");
  await expect(read.locator("td").first()).toHaveText(DATE_TIME);
  await expect(registered.locator("td").nth(2)).toHaveText("Registered a patient");
  const shownText = await table.innerText();
  expect(shownText).not.toMatch(UUID);
  expect(shownText).not.toMatch(/[{}]|":/);
  expect(shownText).not.toContain(mrn);
  await expectNoAxeViolations(page);

  // The CSV of these filters: a form post (the MRN in its body), downloaded, in words, with the whole ids.
  const requests: string[] = [];
  page.on("request", (r) => requests.push(`${r.method()} ${r.url()}`));
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const csv = readFileSync((await (await download).path())!, "utf8").replace(/^\uFEFF/, "");
  expect(csv.split("\r\n")[0]).toBe("Event,When,Who,Who (email),Action,Action code,Record,Record type,Record id,Patient id,Patients shown,Details");
  const records = parse(csv, { columns: true }) as Record<string, string>[];
  // The patient's read and registration, and the search just made (it filtered by this patient).
  expect(records.map((r) => r["Action code"])).toEqual(["audit.search", "patient.read", "patient.create"]);
  expect(records[1]).toMatchObject({ Who: "Sam Staff", Action: "Opened a patient's record", "Patient id": patient.id, Details: "Visits: 0" });
  expect(records[1]!.When).toMatch(DATE_TIME);
  expect(csv).toContain("Opened a patient's record");
  expect(csv).toContain(patient.id);
  expect(csv).not.toContain(mrn);
  await expect(page.getByRole("status")).toContainText("Downloading the CSV of these 2 events");
  expect(requests.filter((r) => r.includes("export.csv"))).toEqual([`POST ${new URL("/api/v1/admin/audit/export.csv", baseURL).href}`]);
  expect(requests.filter((r) => r.toUpperCase().includes(mrn))).toEqual([]);

  // The export is itself on the trail, with its filters in words (a fresh page: the action choices now list it).
  await page.reload();
  await expect(page.getByRole("button", { name: "Show events" })).toBeEnabled();
  await page.getByLabel("Action").selectOption("audit.export");
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(table.locator("caption")).toHaveText(/events 1 to 1 of 1$/);
  const exported = table.locator("tbody tr").first();
  await expect(exported.locator("td").nth(2)).toHaveText("Exported the audit log (CSV)");
  await expect(exported.locator("td").nth(1)).toHaveText("Alex Admin");
  await expect(exported).toContainText("Filter patient by MRN");
  await expect(exported).toContainText("Rows: 3");

  // 50 dense rows a page: a short page, not 12,500 px.
  await page.getByLabel("Action").selectOption("visit.list_drafts");
  await page.getByLabel("Who").selectOption({ label: "Sam Staff (staff@example.org)" });
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(table.locator("caption")).toHaveText(/events 1 to 50 of 5\d$/);
  await expect(table.locator("tbody tr")).toHaveCount(50);
  for (const cell of await table.locator("tbody tr td:nth-child(3)").allTextContents()) expect(cell).toBe("Listed draft intakes");
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height, "page height with 50 rows").toBeLessThan(4000);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(table.locator("caption")).toContainText("events 51 to");
  await page.getByRole("button", { name: "Previous page" }).click();
  await expect(table.locator("caption")).toContainText("events 1 to 50");
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "admin-audit");
  await expectNoAxeViolations(page);
});

test("deactivating asks first and says what happens; Cancel keeps the account active", async ({ page, playwright, baseURL }) => {
  const admin = await demo(playwright.request, baseURL!, "admin");
  const account = await createAccount(admin, "STAFF", "confirm");
  await asAdmin(page);
  await page.goto(`/admin/users/${account.id}`);
  const facts = page.locator("dl.facts");
  await expect(facts).toContainText("Active");

  await page.getByRole("button", { name: "Deactivate account" }).click();
  const confirm = page.getByRole("group", { name: /Deactivate/ });
  await expect(confirm).toContainText("open sessions end at once");
  await expect(confirm).toContainText("cannot sign in");
  await expect(page.getByRole("button", { name: "Deactivate now" })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "Deactivate account" })).toBeFocused();
  await expect(facts).toContainText("Active");
  expect(((await (await admin.get(`/api/v1/admin/users/${account.id}`)).json()) as { active: boolean }).active).toBe(true);

  // With the keyboard: Enter opens the step, Enter confirms.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Deactivate now" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("is deactivated");
  await expect(facts).toContainText("Deactivated");
  expect(((await (await admin.get(`/api/v1/admin/users/${account.id}`)).json()) as { active: boolean }).active).toBe(false);
  await admin.dispose();
});

test("the user list shows the last sign-in, Never before the first", async ({ page, browser, playwright, baseURL }) => {
  const admin = await demo(playwright.request, baseURL!, "admin");
  const account = await createAccount(admin, "STAFF", "last-sign-in");
  await admin.dispose();
  await asAdmin(page);
  await page.goto("/admin");
  const row = page.getByRole("row", { name: new RegExp(account.email.replace(/[.]/g, "\\.")) });
  await expect(row.locator("td").nth(4)).toHaveText("Never");

  const other = await browser.newContext();
  const theirs = await other.newPage();
  await signIn(theirs, account.email, account.password);
  await expect(theirs.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  await other.close();

  await page.reload();
  await expect(row.locator("td").nth(4)).toHaveText(DATE_TIME);
  await expect(page.getByRole("columnheader", { name: "Last sign-in" })).toBeVisible();
  await shot(page, "admin-users");
  await expectNoAxeViolations(page);
});

test("a new user's one-time set-password link works once, then shows a plain page", async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(90_000);
  await asAdmin(page);
  await page.goto("/admin/users/new");
  const email = uniqueEmail("link");
  await page.getByLabel("Full name").fill("Lee Linked");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("STAFF");
  // The link is the default: no password field until "I type a first password" is chosen.
  await expect(page.getByLabel("They choose it with a one-time link (recommended)")).toBeChecked();
  await expect(page.getByLabel("Initial password")).toHaveCount(0);
  await page.getByRole("button", { name: "Create account and link" }).click();
  await expect(page.getByRole("heading", { name: "Account created for Lee Linked" })).toBeFocused();
  const url = await page.getByLabel("One-time link").inputValue();
  expect(url).toMatch(/\/account\/set-password#[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText(/It works once, until/)).toContainText(DATE_TIME);
  await expectNoAxeViolations(page);

  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto(url);
  await expect(theirs.getByRole("heading", { name: "Choose your password", level: 1 })).toBeVisible();
  await expect(theirs.getByText(`For Lee Linked (${email})`)).toBeVisible();
  // The token left the address bar (and so the history).
  expect(theirs.url()).not.toContain("#");
  await theirs.getByLabel("New password").fill("password1234");
  await theirs.getByLabel("The same password again").fill("password1234");
  await theirs.getByRole("button", { name: "Set my password" }).click();
  await expect(theirs.locator("#set-password-error")).toHaveText(/too common/);
  const chosen = "harbour willow copper lantern";
  await theirs.getByLabel("New password").fill(chosen);
  await theirs.getByLabel("The same password again").fill(`${chosen} x`);
  await theirs.getByRole("button", { name: "Set my password" }).click();
  await expect(theirs.locator("#set-password-confirm-error")).toHaveText(/The two passwords are not the same/);
  await theirs.getByLabel("The same password again").fill(chosen);
  await shot(theirs, "set-password");
  await expectNoAxeViolations(theirs);
  await theirs.getByRole("button", { name: "Set my password" }).click();
  await expect(theirs.getByRole("heading", { name: "Your password is set" })).toBeVisible();

  await signIn(theirs, email, chosen);
  await expect(theirs.getByRole("heading", { name: /Welcome, Lee Linked/ })).toBeVisible();

  // Used: the same link now shows the plain page, and the API refuses it naming the token.
  const again = await other.newPage();
  await again.goto(url);
  await expect(again.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  await expect(again.getByText("Ask an administrator for a new link.")).toBeVisible();
  await expectNoAxeViolations(again);
  const token = url.split("#")[1]!;
  const refused = await again.request.post("/api/v1/account/set-password", { data: { token, password: "another fine passphrase" } });
  expect(refused.status()).toBe(404);
  expect(((await refused.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe("token");
  await other.close();

  // Making the link and using it are on the account's trail.
  const admin = await demo(playwright.request, baseURL!, "admin");
  const users = (await (await admin.get("/api/v1/admin/users")).json()) as { rows: { id: string; email: string }[] };
  const id = users.rows.find((u) => u.email === email)!.id;
  const trail = (await (await admin.post("/api/v1/admin/audit/search", { data: { action: "user.", pageSize: 100 } })).json()) as { rows: { action: string; entityId: string }[] };
  expect(trail.rows.filter((r) => r.entityId === id).map((r) => r.action)).toEqual(["user.password_set", "user.password_link", "user.create"]);

  // The API contract: without a password, { user, setPasswordUrl, expiresAt }; bad input names the field.
  const viaApi = await admin.post("/api/v1/admin/users", { data: { name: "Api Linked", email: uniqueEmail("api-link"), role: "CLINICIAN" } });
  expect(viaApi.status()).toBe(201);
  const body = (await viaApi.json()) as { user: { id: string; role: string }; setPasswordUrl: string; expiresAt: string };
  expect(body.user.role).toBe("CLINICIAN");
  expect(body.setPasswordUrl).toMatch(/\/account\/set-password#[A-Za-z0-9_-]{43}$/);
  expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(71 * 3600_000);
  const blank = await admin.post("/api/v1/account/set-password", { data: {} });
  expect(blank.status()).toBe(400);
  expect(((await blank.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(["token"]);
  await admin.dispose();
});
