// Security headers and leaks, against the production build: a nonce-based Content-Security-Policy
// that stops injected inline script, no framing, no sniffing, no referrer; no patient data in error
// bodies; and every error response's id in the server log. (Page URLs free of patient data:
// patients.spec.ts for search, admin.spec.ts for the audit log's MRN filter.)
import { expect, test, type Page } from "@playwright/test";
import { demo } from "./accounts";
import { logLineWith } from "./server-log";
import { signIn, USERS } from "./support";

function directives(csp: string | undefined): Map<string, string[]> {
  return new Map((csp ?? "").split(";").map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map((p) => [p[0]!, p.slice(1)]));
}

/** Records CSP violations in the page (init scripts run outside the page's CSP). */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

test("pages carry a per-request nonce CSP, and Next's scripts carry the nonce", async ({ request, playwright, baseURL }) => {
  const signedInRequest = await demo(playwright.request, baseURL!, "staff");
  const first = await request.get("/signin");
  const second = await request.get("/signin");
  const csp = directives(first.headers()["content-security-policy"]);
  const nonce = csp.get("script-src")?.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce).toBeTruthy();
  expect(second.headers()["content-security-policy"]).not.toContain(nonce!);
  expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'self'"]);
  expect(csp.get("form-action")).toEqual(["'self'"]);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
  for (const response of [first, await request.get("/api/health")]) {
    const h = response.headers();
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("no-referrer");
    expect(h["x-frame-options"]).toBe("DENY");
  }
  // The 404 page too: rendered per request, with the nonce.
  const missing = await signedInRequest.get("/no-such-page");
  expect(missing.status()).toBe(404);
  const missingNonce = directives(missing.headers()["content-security-policy"]).get("script-src")?.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(await missing.text()).toContain(`nonce="${missingNonce}"`);
  await signedInRequest.dispose();
});

test("injected markup cannot run script: inline <script>, event handlers and javascript: URLs are blocked", async ({ page }) => {
  await recordViolations(page);
  // Stored or reflected content that smuggles markup into the server's HTML, with the real CSP header.
  await page.route("**/signin", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      "</body>",
      `<script>window.__injected = "script ran"</script><img src="data:,x" onerror="window.__handler = 'handler ran'"><a id="js-link" href="javascript:window.__link = 'link ran'">x</a></body>`,
    );
    await route.fulfill({ response, body: html });
  });
  await page.goto("/signin");
  await page.locator("#js-link").click();
  // Markup added later by the page's own script (DOM injection) is no better off.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="data:,y" onerror="window.__dom = 'dom handler ran'">`));
  await page.waitForTimeout(300);
  const ran = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return [w.__injected, w.__handler, w.__link, w.__dom].filter(Boolean);
  });
  expect(ran).toEqual([]);
  expect((await violations(page)).filter((v) => v.startsWith("script-src")).length).toBeGreaterThanOrEqual(4);
  // The app's own (nonced) scripts still run: the form signs in client-side.
  await page.unrouteAll();
  await page.getByLabel("Email").fill(USERS.staff);
  await page.getByLabel("Password").fill("backline-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: /Welcome, Sam Staff/ })).toBeVisible();
});

test("the app's pages raise no CSP violations for any role", async ({ page, browser }) => {
  const walks: [string, string[]][] = [
    [USERS.staff, ["/", "/intake"]],
    [USERS.doctor, ["/", "/review", "/intake"]],
    [USERS.admin, ["/", "/admin", "/admin/audit", "/admin/users/new"]],
  ];
  for (const [email, paths] of walks) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await recordViolations(p);
    await signIn(p, email);
    await expect(p.getByRole("heading", { name: /Welcome/ })).toBeVisible();
    for (const path of paths) {
      await p.goto(path);
      await p.waitForLoadState("networkidle");
      expect(await violations(p), `${email} ${path}`).toEqual([]);
    }
    await context.close();
  }
  void page;
});

test("every API error carries an id that is in the server log, with no patient data in body or log", async ({ playwright, baseURL }) => {
  const staff = await demo(playwright.request, baseURL!, "staff");
  const anonymous = await playwright.request.newContext({ baseURL });
  const name = `Leakcheck${Date.now().toString(36)}`;
  const cases = [
    { what: "401", res: await anonymous.get("/api/v1/me") },
    { what: "400", res: await staff.post("/api/v1/patients", { data: { mrn: "MRN-100001", givenName: name, familyName: 42, birthDate: "2999-01-01", sex: "alien" } }) },
    { what: "409", res: await staff.post("/api/v1/patients", { data: { mrn: "MRN-100001", givenName: name, familyName: name, birthDate: "1970-01-01", sex: "male" } }) },
    { what: "404", res: await staff.get("/api/v1/visits/00000000-0000-4000-8000-000000000000") },
  ];
  for (const { what, res } of cases) {
    expect(String(res.status())).toBe(what);
    const body = await res.text();
    const id = (JSON.parse(body) as { error: { id?: string } }).error.id;
    expect(id, `${what} has an error id`).toMatch(/^[0-9a-f-]{36}$/);
    const line = await logLineWith(id!);
    expect(line, `${what} error id ${id} in the server log`).toBeTruthy();
    expect(JSON.parse(line!)).toMatchObject({ errorId: id, status: Number(what) });
    for (const secret of [name, "MRN-100001", "Garcia", "2999-01-01", "alien"]) {
      expect(body, `${what} body`).not.toContain(secret);
      expect(line, `${what} log line`).not.toContain(secret);
    }
  }
  await staff.dispose();
  await anonymous.dispose();
});
