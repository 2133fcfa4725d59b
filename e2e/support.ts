import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { isDemoAdmin, putDemoAdminSession } from "./two-step-codes";

export const DEMO_PASSWORD = "backline-demo";
export const USERS = {
  staff: "staff@example.org",
  doctor: "doctor@example.org",
  admin: "admin@example.org",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  // The demo admin (two-step sign-in) shares one session: see two-step-codes.ts.
  if (isDemoAdmin(email, password)) {
    await putDemoAdminSession(page.context(), `http://localhost:${process.env.E2E_PORT ?? "3100"}`);
    await page.goto("/");
    return;
  }
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Sign in and wait until the signed-in home page is there (the session cookie is set). */
export async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
}

export async function expectNoAxeViolations(page: Page) {
  // Next streams a dynamic page's metadata after its body: wait for the <title> before judging the page.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** Where a spec's screenshot for the docs goes: only with E2E_SCREENSHOTS=1, so a test run leaves the tree as it was. */
export const shotPath = (path: string): string | undefined => (process.env.E2E_SCREENSHOTS ? path : undefined);
