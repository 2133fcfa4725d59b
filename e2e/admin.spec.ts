// Administration through the UI: accounts (create, role, deactivate/reactivate, password reset) and
// the audit log (filters, paging, patient filter kept out of URLs), keyboard usable and axe-clean.
import { expect, test, type Page } from "@playwright/test";
import { demo, STRONG_PASSWORD, uniqueEmail } from "./accounts";
import { expectNoAxeViolations, signIn, USERS } from "./support";

/** Signs in and waits for the home page, so the next navigation carries the session. */
async function signInAs(page: Page, email: string, password?: string) {
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
}

const adminNav = (page: Page) => page.getByRole("navigation", { name: "Administration" });

test("an admin creates an account with the keyboard, after clear errors for bad input", async ({ page }) => {
  await signInAs(page, USERS.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(adminNav(page).getByRole("link", { name: "User accounts" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "Add a user" }).click();
  await expect(page.getByRole("heading", { name: "Add a user", level: 1 })).toBeVisible();

  // Bad input first: every problem named at its field, nothing created.
  await page.getByLabel("Email").fill("not-an-email");
  // The one-time link is the default (e2e/admin-audit.spec.ts); this test types the password.
  await page.getByLabel("I type a first password for them").check();
  await page.getByLabel("Initial password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#new-user-name-error")).toHaveText(/Name is required/);
  await expect(page.locator("#new-user-email-error")).toHaveText(/Email must be an email address/);
  await expect(page.locator("#new-user-role-error")).toHaveText(/Choose a role/);
  await expect(page.locator("#new-user-password-error")).toHaveText(/at least 12 characters/);
  await expect(page.getByLabel("Full name")).toBeFocused();
  await expect(page.getByLabel("Initial password")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
  await page.getByLabel("Initial password").fill("password1234");
  await page.getByLabel("Initial password").blur();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#new-user-password-error")).toHaveText(/too common/);

  // Now with the keyboard only.
  const email = uniqueEmail("keyboard");
  await page.getByLabel("Full name").fill("");
  await page.getByLabel("Full name").focus();
  await page.keyboard.type("Kim Keyboard");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Role")).toBeFocused();
  await page.getByLabel("Role").selectOption("STAFF");
  await page.keyboard.press("Tab"); // the chosen way to set the password (a radio group: one stop)
  await page.keyboard.press("Tab");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(STRONG_PASSWORD);
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Kim Keyboard", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}$/);
  await expect(page.getByText(email)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an admin changes a role, deactivates and reactivates, and resets a password; each works at once", async ({ page, browser }) => {
  await signInAs(page, USERS.admin);
  await page.goto("/admin/users/new");
  const email = uniqueEmail("managed");
  await page.getByLabel("Full name").fill("Morgan Managed");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("STAFF");
  await page.getByLabel("I type a first password for them").check();
  await page.getByLabel("Initial password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Morgan Managed", level: 1 })).toBeVisible();
  const facts = page.locator("dl.facts");

  // The person signs in elsewhere.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await signInAs(theirs, email, STRONG_PASSWORD);
  await expect(theirs.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Intake"]);

  await page.getByLabel("Role", { exact: true }).selectOption("CLINICIAN");
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Morgan Managed is now Clinician." })).toBeVisible();
  await expect(facts).toContainText("Clinician");
  await theirs.reload();
  await expect(theirs.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Intake", "Review", "Insight"]);

  await page.getByRole("button", { name: "Deactivate account" }).click();
  await page.getByRole("button", { name: "Deactivate now" }).click();
  await expect(page.getByRole("status")).toContainText("is deactivated");
  await expect(facts).toContainText("Deactivated");
  await theirs.goto("/review");
  await expect(theirs).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: "Reactivate account" }).click();
  await expect(facts).toContainText("Active");
  await expectNoAxeViolations(page);

  await page.getByLabel("New password").fill("qwerty123456");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.locator("#user-password-error")).toHaveText(/too common/);
  await expect(page.getByLabel("New password")).toBeFocused();
  const fresh = "velvet harbour cinnamon kite";
  await page.getByLabel("New password").fill(fresh);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("password of Morgan Managed is changed");
  await signIn(theirs, email, STRONG_PASSWORD);
  await expect(theirs.locator("#signin-error")).toBeVisible();
  await signIn(theirs, email, fresh);
  await expect(theirs.getByRole("heading", { name: /Welcome, Morgan Managed/ })).toBeVisible();
  await other.close();
});

test("an admin cannot demote or deactivate themselves", async ({ page }) => {
  await signInAs(page, USERS.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await page.getByRole("row", { name: /admin@example\.org/ }).getByRole("link", { name: /Manage/ }).click();
  await expect(page.getByRole("heading", { name: "Alex Admin", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Role", { exact: true })).toBeDisabled();
  await expect(page.getByText("You cannot change your own role")).toBeVisible();
  await expect(page.getByRole("button", { name: "Deactivate account" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("the audit log filters by who, action, patient and day, pages, and keeps the MRN out of every URL", async ({ page, playwright, baseURL }) => {
  // Some events to find: a staff member registers a patient of this test's own (so the test can be repeated on
  // one server), opens the record, and lists drafts 55 times.
  const staff = await demo(playwright.request, baseURL!, "staff");
  const mrn = `AUD-${Date.now().toString(36).toUpperCase()}`;
  const created = await staff.post("/api/v1/patients", { data: { mrn, givenName: "Audit", familyName: "Trail", birthDate: "1970-01-01", sex: "female" } });
  expect(created.status()).toBe(201);
  const patient = (await created.json()) as { id: string; mrn: string };
  expect((await staff.get(`/api/v1/patients/${patient.id}`)).status()).toBe(200);
  for (let i = 0; i < 55; i++) await staff.get("/api/v1/visits/drafts");
  await staff.dispose();

  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  await signInAs(page, USERS.admin);
  await page.goto("/admin");
  await adminNav(page).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  const table = page.locator("table.audit-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Patient by MRN: the search goes in a POST body.
  await page.getByLabel("Patient MRN or id").fill(mrn);
  await page.getByRole("button", { name: "Show events" }).click();
  // Two events about this patient, newest first: the read, then the registration.
  await expect(table.locator("caption")).toHaveText(/events 1 to 2 of 2$/);
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table.locator("tbody tr").first()).toContainText("Opened a patient's record");
  await expect(table.locator("tbody tr").nth(1)).toContainText("Registered a patient");
  // Admins see the patient as a short id (issue 18, item 7).
  await expect(table.locator("tbody tr").first()).toContainText(patient.id.slice(0, 8));
  await expect(table.locator("tbody tr").first()).toContainText("Sam Staff");
  await expect(page).toHaveURL(/\/admin\/audit$/);

  // Who + action, and paging through 55+ events, 50 a page.
  await page.getByLabel("Patient MRN or id").fill("");
  await page.getByLabel("Who").selectOption({ label: "Sam Staff (staff@example.org)" });
  await page.getByLabel("Action").selectOption("visit.list_drafts");
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(table.locator("caption")).toContainText("events 1 to 50 of");
  // Other specs on this server list drafts as the same staff member too: at least this test's 55, maybe more.
  const total = Number(/of (\d+)$/.exec((await table.locator("caption").textContent()) ?? "")?.[1]);
  expect(total).toBeGreaterThanOrEqual(55);
  const pages = Math.ceil(total / 50);
  await expect(page.getByRole("status")).toContainText(`Page 1 of ${pages}`);
  for (const cell of await table.locator("tbody tr td:nth-child(3)").allTextContents()) expect(cell).toBe("Listed draft intakes");
  for (let p = 2; p <= pages; p++) {
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(page.getByText(`Page ${p} of ${pages}`, { exact: true })).toBeVisible();
  }
  // "Next page" is disabled on the last page: focus has moved to "Previous page", not to <body>.
  await expect(page.getByRole("button", { name: "Previous page" })).toBeFocused();
  await expect(table.locator("caption")).toContainText(`events ${(pages - 1) * 50 + 1} to`);

  // Days: nothing before 2000; bad ranges named at the field.
  await page.getByLabel("To").fill("1999-12-31");
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(page.getByText("No audit events match these filters.")).toBeVisible();
  await page.getByLabel("From").fill("2000-01-02");
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(page.locator("#audit-to-error")).toHaveText(/To must not be before From/);
  await expectNoAxeViolations(page);

  expect(urls.filter((u) => decodeURIComponent(u).toUpperCase().includes(mrn))).toEqual([]);
});

test("clinicians and staff cannot open the admin pages or their API", async ({ page, playwright, baseURL }) => {
  await signInAs(page, USERS.doctor);
  for (const path of ["/admin", "/admin/audit", "/admin/users/new"]) {
    expect((await page.goto(path))?.status(), path).toBe(403);
  }
  const staff = await demo(playwright.request, baseURL!, "staff");
  expect((await staff.post("/api/v1/admin/audit/search", { data: {} })).status()).toBe(403);
  expect((await staff.post("/api/v1/admin/users", { data: { name: "X", email: uniqueEmail("x"), role: "ADMIN", password: STRONG_PASSWORD } })).status()).toBe(403);
  await staff.dispose();
});
