// Accounts and sessions against the production build: sign-in throttling, the idle timeout and its
// renewal on activity, and sessions ending the moment an admin deactivates an account or resets its
// password.
import { expect, test } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { agedSessionToken, createAccount, demo, IDLE_SECONDS, MAX_SESSION_SECONDS, SESSION_COOKIE, signedIn, uniqueEmail } from "./accounts";
import { expectNoAxeViolations, signIn } from "./support";

const THROTTLED = /Too many failed sign-in attempts/;
const FAILED = "Sign-in failed: the email or password is not correct.";

test.describe("sign-in throttling", () => {
  test("an account is paused after 5 failed sign-ins, with one message whether or not the account exists", async ({ page, playwright, baseURL }) => {
    const admin = await demo(playwright.request, baseURL!, "admin");
    const account = await createAccount(admin, "STAFF", "throttle");
    for (const email of [account.email, uniqueEmail("no-such-account")]) {
      for (let i = 0; i < 5; i++) {
        await signIn(page, email, `wrong password ${i}`);
        await expect(page.locator("#signin-error")).toHaveText(FAILED);
      }
      // The right password, or any: refused while paused, without saying whether the account exists.
      await signIn(page, email, account.password);
      await expect(page.locator("#signin-error")).toHaveText(THROTTLED);
      await expect(page).toHaveURL(/\/signin/);
    }
    await expectNoAxeViolations(page);

    // API clients get 429 with Retry-After, and still no session.
    const api = await playwright.request.newContext({ baseURL });
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await api.post("/api/auth/callback/credentials", { form: { csrfToken, email: account.email, password: account.password, json: "true" } });
    expect(res.status()).toBe(429);
    expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await api.get("/api/v1/me")).status()).toBe(401);
    // Other accounts from the same address still sign in: 10 failures are below the per-address limit.
    await signIn(page, "staff@example.org");
    await expect(page.getByRole("heading", { name: /Welcome, Sam Staff/ })).toBeVisible();
    await api.dispose();
    await admin.dispose();
  });
});

test.describe("idle timeout", () => {
  let claims: { sub: string; role: string; name: string; email: string };

  test.beforeAll(async ({ playwright, baseURL }) => {
    const staff = await demo(playwright.request, baseURL!, "staff");
    const me = (await (await staff.get("/api/v1/me")).json()) as { user: { id: string; role: string; name: string; email: string } };
    claims = { sub: me.user.id, role: me.user.role, name: me.user.name, email: me.user.email };
    await staff.dispose();
  });

  async function withToken(playwright: { request: typeof import("@playwright/test").request }, baseURL: string, token: string) {
    const url = new URL(baseURL);
    return playwright.request.newContext({ baseURL, storageState: { cookies: [{ name: SESSION_COOKIE, value: token, domain: url.hostname, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }], origins: [] } });
  }

  test("a session idle for longer than the limit (30 minutes) is over; one just inside it is not", async ({ playwright, baseURL }) => {
    const idle = await withToken(playwright, baseURL!, await agedSessionToken(claims, IDLE_SECONDS + 60));
    expect((await idle.get("/api/v1/me")).status()).toBe(401);
    const page = await idle.get("/intake", { maxRedirects: 0 });
    expect(page.status()).toBe(307);
    expect(page.headers()["location"]).toMatch(/^\/signin\?callbackUrl=%2Fintake$|\/signin\?callbackUrl=%2Fintake$/);

    const recent = await withToken(playwright, baseURL!, await agedSessionToken(claims, IDLE_SECONDS - 60));
    expect((await recent.get("/api/v1/me")).status()).toBe(200);
    await idle.dispose();
    await recent.dispose();
  });

  test("activity renews the session for another 30 minutes; prefetches and fresh tokens do not", async ({ playwright, baseURL }) => {
    const secret = process.env.E2E_AUTH_SECRET!;
    const renewedExpiry = (setCookie: string | undefined) => {
      const value = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie ?? "")?.[1];
      return value ? decode({ token: value, secret }).then((t) => t?.exp as number | undefined) : Promise.resolve(undefined);
    };
    for (const path of ["/intake", "/api/v1/me"]) {
      // Issued 20 minutes ago: 10 minutes left.
      const ctx = await withToken(playwright, baseURL!, await agedSessionToken(claims, 20 * 60));
      const before = Math.floor(Date.now() / 1000);
      const response = await ctx.get(path, { maxRedirects: 0 });
      expect(response.status()).toBe(200);
      const exp = await renewedExpiry(response.headers()["set-cookie"]);
      expect(exp, `${path} renews the token`).toBeGreaterThanOrEqual(before + IDLE_SECONDS - 5);
      expect(exp).toBeLessThanOrEqual(before + IDLE_SECONDS + 5);
      expect(response.headers()["set-cookie"]).toMatch(/HttpOnly/i);
      expect(response.headers()["set-cookie"]).toMatch(/SameSite=lax/i);
      // The renewed cookie is now the browser's: the next request needs no renewal.
      expect((await ctx.get(path, { maxRedirects: 0 })).headers()["set-cookie"] ?? "").not.toContain(SESSION_COOKIE);
      await ctx.dispose();
    }
    const prefetching = await withToken(playwright, baseURL!, await agedSessionToken(claims, 20 * 60));
    const prefetch = await prefetching.get("/intake", { headers: { "next-router-prefetch": "1", rsc: "1" }, maxRedirects: 0 });
    expect(prefetch.headers()["set-cookie"] ?? "").not.toContain(SESSION_COOKIE);
    const fresh = await withToken(playwright, baseURL!, await agedSessionToken(claims, 0));
    expect((await fresh.get("/api/v1/me")).headers()["set-cookie"] ?? "").not.toContain(SESSION_COOKIE);
    for (const c of [prefetching, fresh]) await c.dispose();
  });
});

test.describe("absolute session lifetime", () => {
  test("a session ends 12 hours after sign-in however active it was, and is never renewed past that", async ({ playwright, baseURL }) => {
    const staff = await demo(playwright.request, baseURL!, "staff");
    const me = (await (await staff.get("/api/v1/me")).json()) as { user: { id: string; role: string; name: string; email: string } };
    const claims = { sub: me.user.id, role: me.user.role, name: me.user.name, email: me.user.email };
    await staff.dispose();
    const url = new URL(baseURL!);
    const withToken = (token: string) =>
      playwright.request.newContext({ baseURL, storageState: { cookies: [{ name: SESSION_COOKIE, value: token, domain: url.hostname, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }], origins: [] } });

    // Renewed a minute ago (so not idle), but signed in just over 12 hours ago: over.
    const old = await withToken(await agedSessionToken(claims, 60, MAX_SESSION_SECONDS + 60));
    expect((await old.get("/api/v1/me")).status()).toBe(401);
    const page = await old.get("/intake", { maxRedirects: 0 });
    expect(page.status()).toBe(307);
    expect(page.headers()["location"]).toMatch(/\/signin\?callbackUrl=%2Fintake$/);

    // Ten minutes before the limit and due for renewal: renewed, but only up to the limit.
    const nearly = await withToken(await agedSessionToken(claims, 20 * 60, MAX_SESSION_SECONDS - 10 * 60));
    const before = Math.floor(Date.now() / 1000);
    const renewal = await nearly.get("/api/v1/me");
    expect(renewal.status()).toBe(200);
    const value = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(renewal.headers()["set-cookie"] ?? "")?.[1];
    const exp = (await decode({ token: value!, secret: process.env.E2E_AUTH_SECRET! }))?.exp as number;
    expect(exp).toBeGreaterThanOrEqual(before + 10 * 60 - 5);
    expect(exp).toBeLessThanOrEqual(before + 10 * 60 + 5);

    // A token without a sign-in time (issued before this rule) is not accepted either.
    const secret = process.env.E2E_AUTH_SECRET!;
    const legacy = await withToken(await encode({ token: { ...claims, epoch: 0 }, secret, maxAge: IDLE_SECONDS }));
    expect((await legacy.get("/api/v1/me")).status()).toBe(401);
    for (const c of [old, nearly, legacy]) await c.dispose();
  });
});

test.describe("account changes take effect at once", () => {
  test("deactivation ends open sessions on their next request; reactivation does not revive them", async ({ page, playwright, baseURL }) => {
    const admin = await demo(playwright.request, baseURL!, "admin");
    const account = await createAccount(admin, "STAFF", "deactivate");
    await signIn(page, account.email, account.password);
    await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
    const api = await signedIn(playwright.request, baseURL!, account.email, account.password);
    expect((await api.get("/api/v1/me")).status()).toBe(200);

    expect((await admin.patch(`/api/v1/admin/users/${account.id}`, { data: { active: false } })).status()).toBe(200);
    expect((await api.get("/api/v1/me")).status()).toBe(401);
    await page.goto("/intake");
    await expect(page).toHaveURL(/\/signin/);
    await signIn(page, account.email, account.password);
    await expect(page.locator("#signin-error")).toHaveText(FAILED);

    expect((await admin.patch(`/api/v1/admin/users/${account.id}`, { data: { active: true } })).status()).toBe(200);
    expect((await api.get("/api/v1/me")).status()).toBe(401);
    const again = await signedIn(playwright.request, baseURL!, account.email, account.password);
    expect((await again.get("/api/v1/me")).status()).toBe(200);
    for (const c of [admin, api, again]) await c.dispose();
  });

  test("a password reset ends open sessions; a role change applies to the next request", async ({ playwright, baseURL }) => {
    const admin = await demo(playwright.request, baseURL!, "admin");
    const account = await createAccount(admin, "STAFF", "reset");
    const session = await signedIn(playwright.request, baseURL!, account.email, account.password);
    expect((await session.get("/api/v1/visits")).status()).toBe(403);
    expect((await admin.patch(`/api/v1/admin/users/${account.id}`, { data: { role: "CLINICIAN" } })).status()).toBe(200);
    expect((await session.get("/api/v1/visits")).status()).toBe(200);

    const fresh = "meadow copper lantern seventeen";
    expect((await admin.post(`/api/v1/admin/users/${account.id}/password`, { data: { password: fresh } })).status()).toBe(200);
    expect((await session.get("/api/v1/me")).status()).toBe(401);
    const after = await signedIn(playwright.request, baseURL!, account.email, fresh);
    expect((await after.get("/api/v1/me")).status()).toBe(200);
    for (const c of [admin, session, after]) await c.dispose();
  });
});
