import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./support";

const mainNav = (page: import("@playwright/test").Page) => page.getByRole("navigation", { name: "Main" });

test("anonymous visitors are sent to the sign-in page", async ({ page }) => {
  await page.goto("/review");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Freview/);
  await expect(page.getByRole("heading", { name: "Sign in to Backline" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("staff sign in and see Intake only", async ({ page }) => {
  await signIn(page, USERS.staff);
  await expect(page.getByRole("heading", { name: /Welcome, Sam Staff/ })).toBeVisible();
  const nav = mainNav(page);
  await expect(nav.getByRole("link")).toHaveText(["Intake"]);
  await expectNoAxeViolations(page);
  await nav.getByRole("link", { name: "Intake" }).click();
  await expect(page.getByRole("heading", { name: "Intake", level: 1 })).toBeVisible();
  await expect(page.locator("table.patient-table").getByRole("cell", { name: "MRN-100001", exact: true })).toBeVisible();
});

test("a clinician sees Intake and Review, and cannot open an admin page", async ({ page }) => {
  await signIn(page, USERS.doctor);
  await expect(page.getByRole("heading", { name: /Welcome, Dr Dana Doctor/ })).toBeVisible();
  await expect(mainNav(page).getByRole("link")).toHaveText(["Intake", "Review", "Insight"]);
  await mainNav(page).getByRole("link", { name: "Review" }).click();
  await expect(page.getByRole("heading", { name: "Review", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});

test("an admin sees Admin only, with the user list", async ({ page }) => {
  await signIn(page, USERS.admin);
  await expect(page.getByRole("heading", { name: /Welcome, Alex Admin/ })).toBeVisible();
  await expect(mainNav(page).getByRole("link")).toHaveText(["Insight", "Admin"]);
  await mainNav(page).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("cell", { name: "doctor@example.org" })).toBeVisible();
  await expectNoAxeViolations(page);
  expect((await page.goto("/intake"))?.status()).toBe(403);
});

test("a wrong password shows one generic error and does not sign in", async ({ page }) => {
  await signIn(page, USERS.staff, "not-the-password");
  const alert = page.getByRole("alert").filter({ hasText: "Sign-in failed" });
  await expect(alert).toHaveText("Sign-in failed: the email or password is not correct.");
  await expect(page).toHaveURL(/\/signin/);
  // An unknown email gets exactly the same message.
  await signIn(page, "nobody@example.org", "whatever-password");
  await expect(page.locator("#signin-error")).toHaveText("Sign-in failed: the email or password is not correct.");
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, USERS.staff);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/intake");
  await expect(page).toHaveURL(/\/signin/);
});

test("/api/health reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "up" });
});

test("API routes answer 401 JSON to anonymous callers, not a redirect", async ({ request }) => {
  const response = await request.get("/api/v1/me", { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect(await response.json()).toMatchObject({ error: { code: "unauthenticated" } });
});
