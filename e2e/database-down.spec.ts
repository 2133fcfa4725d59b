// While the database cannot be reached, a signed-in page answers 503 with Retry-After and a short page that
// says so (proxy.ts, lib/db/reachable.ts), the API answers 503 JSON, and signed-out visitors still get the
// sign-in page. Runs its own `npm start` pointed at a port where no PostgreSQL listens.
import { expect, test } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { freePort } from "../lib/db/embedded";
import { agedSessionToken, SESSION_COOKIE } from "./accounts";
import { startOwnApp } from "./own-app";
import { expectNoAxeViolations } from "./support";

test.describe("the database is down", () => {
  let app: ChildProcess | undefined;
  let base: string;

  test.beforeAll(async () => {
    const port = await freePort();
    // The specs' secret, so a session token can be made without signing in (which needs the database).
    const own = startOwnApp({ port, databaseUrl: `postgresql://backline:unused@127.0.0.1:${await freePort()}/backline`, secret: process.env.E2E_AUTH_SECRET!, workers: "1" });
    app = own.app;
    base = own.base;
    await expect.poll(() => fetch(`${base}/api/health`).then((r) => r.status, () => 0), { timeout: 30_000, intervals: [200] }).toBe(503);
  });

  test.afterAll(() => {
    app?.kill("SIGTERM");
  });

  test("a signed-in page answers 503 with Retry-After and says so; the API answers 503 JSON", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: base });
    const token = await agedSessionToken({ sub: randomUUID(), role: "STAFF", name: "Staff Member", email: "staff@example.org" }, 0);
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base, httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();

    const response = await page.goto("/intake");
    expect(response!.status()).toBe(503);
    expect(response!.headers()["retry-after"]).toBe("5");
    expect(response!.headers()["cache-control"]).toBe("no-store");
    expect(response!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await expect(page.getByRole("heading", { level: 1, name: "Backline cannot reach its database" })).toBeVisible();
    await expect(page.getByText("Nothing you already saved is lost.")).toBeVisible();
    await expectNoAxeViolations(page);

    // "Try again" asks for the same address again, by keyboard too.
    const again = page.waitForResponse((r) => r.url() === `${base}/intake`);
    await page.getByRole("link", { name: "Try again" }).focus();
    await page.keyboard.press("Enter");
    expect((await again).status()).toBe(503);
    await expect(page).toHaveURL(`${base}/intake`);

    const api = await context.request.get("/api/v1/me");
    expect(api.status()).toBe(503);
    expect(api.headers()["retry-after"]).toBe("5");
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("unavailable");
    await context.close();
  });

  test("a signed-out visitor is still sent to the sign-in page", async ({ page }) => {
    const response = await page.goto(`${base}/intake`);
    expect(response!.status()).toBe(200);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fintake$/);
  });
});
