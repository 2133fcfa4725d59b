// Two-step sign-in (issue 16, "Also"): a clinician sets it up with the QR code's key, is then asked for a code
// at sign-in, a code works once, a recovery code works once; an admin without it sees only the set-up page, and
// an admin can reset it.
import { expect, test } from "@playwright/test";
import { generate } from "otplib";
import { createAccount, demo } from "./accounts";
import { expectNoAxeViolations } from "./support";

/** The sign-in form's second step: type `code` and send it. */
async function sendCode(page: import("@playwright/test").Page, code: string) {
  await page.getByLabel(/code from your authenticator app/i).fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signInForm(page: import("@playwright/test").Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a clinician sets up two-step sign-in; then sign-in asks for a code, which works once, and a recovery code works once", async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const admin = await demo(playwright.request, baseURL!, "admin");
  const account = await createAccount(admin, "CLINICIAN", "two-step");
  await signInForm(page, account.email, account.password);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto("/account/two-step");
  await expectNoAxeViolations(page);
  await page.getByLabel("Your password, to confirm it is you").fill(account.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const secret = (await page.getByLabel("Setup key").textContent())!.trim();
  // A wrong code is refused by name.
  await page.getByLabel("The 6-digit code the app shows").fill("000000");
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.locator(".alert[role=alert]")).toContainText("not right");
  await page.getByLabel("The 6-digit code the app shows").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  await page.getByRole("button", { name: "I have saved them: continue" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  // Password alone: asked for the code, not signed in.
  await signInForm(page, account.email, account.password);
  const codeField = page.getByLabel(/code from your authenticator app/i);
  await expect(codeField).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  // The code of the next time step (accepted one step early), so it is not the one used to set up.
  const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
  await sendCode(page, code);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();

  // The same code again: refused.
  await signInForm(page, account.email, account.password);
  await sendCode(page, code);
  await expect(page.locator(".alert[role=alert]")).toContainText("not correct");
  // A recovery code: once.
  await sendCode(page, recovery);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInForm(page, account.email, account.password);
  await sendCode(page, recovery);
  await expect(page.locator(".alert[role=alert]")).toContainText("not correct");

  // Enrolment and use are audited.
  const search = await admin.post("/api/v1/admin/audit/search", { data: { actorId: account.id, action: "user.", pageSize: 100 } });
  expect(((await search.json()) as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual(expect.arrayContaining(["user.two_step_enrol", "user.two_step_start"]));
  await admin.dispose();
});

test("an admin without two-step sign-in sees only its set-up page, and another admin can reset it (audited)", async ({ page, playwright, baseURL }) => {
  const admin = await demo(playwright.request, baseURL!, "admin");
  const account = await createAccount(admin, "ADMIN", "two-step-admin");
  await signInForm(page, account.email, account.password);
  await expect(page).toHaveURL(/\/account\/two-step/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/account\/two-step/);
  const api = await page.request.get("/api/v1/admin/users");
  expect(api.status()).toBe(403);
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe("two_step_required");
  // Set it up through the API, then have it reset by the demo admin.
  const started = await page.request.post("/api/v1/me/two-step", { data: { password: account.password } });
  expect(started.status(), await started.text()).toBe(200);
  const { secret } = (await started.json()) as { secret: string };
  const confirmed = await page.request.post("/api/v1/me/two-step/confirm", { data: { code: await generate({ secret }) } });
  expect(confirmed.status(), await confirmed.text()).toBe(200);
  expect((await page.request.get("/api/v1/admin/users")).status()).toBe(200);
  const reset = await admin.delete(`/api/v1/admin/users/${account.id}/two-step`);
  expect(reset.status(), await reset.text()).toBe(200);
  // Reset ends its sessions, and it must set up again at the next sign-in.
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  const search = await admin.post("/api/v1/admin/audit/search", { data: { action: "user.two_step_reset", pageSize: 100 } });
  expect(((await search.json()) as { rows: { entityId: string }[] }).rows.map((r) => r.entityId)).toContain(account.id);
  await admin.dispose();
});
