// API sessions and throwaway accounts for the access, session and admin specs.
import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { DEMO_PASSWORD, USERS } from "./support";
import { demoAdminSession, isDemoAdmin } from "./two-step-codes";

type TRequest = typeof import("@playwright/test").request;

export const SESSION_COOKIE = "next-auth.session-token";
export const IDLE_SECONDS = 30 * 60;
/** The e2e server's absolute session lifetime (BACKLINE_SESSION_MAX_HOURS, default 12). */
export const MAX_SESSION_SECONDS = 12 * 3600;

/** An API context signed in with email + password (through next-auth's credentials callback). */
export async function signedIn(request: TRequest, baseURL: string, email: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  // The demo admin (two-step sign-in) shares one session: see two-step-codes.ts.
  if (isDemoAdmin(email, password)) {
    const cookies = await demoAdminSession(ctx, baseURL);
    await ctx.dispose();
    return request.newContext({ baseURL, storageState: { cookies, origins: [] } });
  }
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(res.status(), `sign-in of ${email}`).toBe(200);
  return ctx;
}

export const demo = (request: TRequest, baseURL: string, who: keyof typeof USERS) => signedIn(request, baseURL, USERS[who]);

/** An API context for a demo user, or a signed-out one. */
export async function apiAs(request: TRequest, baseURL: string, who: TWho): Promise<APIRequestContext> {
  return who === "anonymous" ? request.newContext({ baseURL }) : demo(request, baseURL, who);
}

export type TWho = "anonymous" | keyof typeof USERS;

/** One API context per identity (anonymous and each demo role), for specs that check every one. */
export async function apiContexts(request: TRequest, baseURL: string): Promise<Record<TWho, APIRequestContext>> {
  return {
    anonymous: await apiAs(request, baseURL, "anonymous"),
    staff: await apiAs(request, baseURL, "staff"),
    doctor: await apiAs(request, baseURL, "doctor"),
    admin: await apiAs(request, baseURL, "admin"),
  };
}

let counter = 0;
export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}@example.org`;
export const STRONG_PASSWORD = "lantern orchard pebble river";

/** A new account, created by an admin through the API. */
export async function createAccount(
  admin: APIRequestContext,
  role: "STAFF" | "CLINICIAN" | "ADMIN",
  prefix = "e2e",
): Promise<{ id: string; email: string; password: string; name: string }> {
  const email = uniqueEmail(prefix);
  const name = `Test ${role.toLowerCase()} ${counter}`;
  const res = await admin.post("/api/v1/admin/users", { data: { name, email, role, password: STRONG_PASSWORD } });
  expect(res.status(), await res.text()).toBe(201);
  return { id: ((await res.json()) as { id: string }).id, email, password: STRONG_PASSWORD, name };
}

/**
 * A session token as the server would have issued it `ageSeconds` ago (its lifetime counted from
 * then), made with the e2e server's secret: how a browser left idle looks, without the wait.
 */
export async function agedSessionToken(
  claims: { sub: string; role: string; name: string; email: string },
  ageSeconds: number,
  signedInSecondsAgo = ageSeconds,
): Promise<string> {
  const secret = process.env.E2E_AUTH_SECRET;
  if (!secret) throw new Error("E2E_AUTH_SECRET is not set (playwright.config.ts sets it)");
  const authTime = Math.floor(Date.now() / 1000) - signedInSecondsAgo;
  return encode({ token: { ...claims, epoch: 0, authTime, sid: randomUUID() }, secret, maxAge: IDLE_SECONDS - ageSeconds });
}
