// The demo admin has two-step sign-in (admins must), and a code works once: the server remembers the last time
// step used, and accepts one step ahead of the clock at most. So the specs sign the demo admin in once and share
// that session (kept in a file, which outlives a worker that Playwright restarts after a failure), and sign in
// again only when it has ended. The two-step spec covers the code step of the sign-in form itself.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS } from "../lib/db/seed/demo";

const DEMO_ADMIN = DEMO_USERS.find((u) => u.role === "ADMIN")!.email;
const DIR = ".data/e2e";
const stepsFile = () => `${DIR}/totp-steps-${process.env.E2E_PORT ?? "3100"}.json`;
const sessionFile = () => `${DIR}/admin-session-${process.env.E2E_PORT ?? "3100"}.json`;

type TCookies = Awaited<ReturnType<APIRequestContext["storageState"]>>["cookies"];

const readJson = <T>(file: string, fallback: T): T => (existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : fallback);
const writeJson = (file: string, value: unknown) => {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(file, JSON.stringify(value));
};

/** A code for the next unused time step of `secret` (waiting when that is more than one step ahead of the clock). */
export async function nextCode(secret: string): Promise<string> {
  const now = () => Math.floor(Date.now() / 1000 / 30);
  const used = () => readJson<Record<string, number>>(stepsFile(), {})[secret] ?? 0;
  while (Math.max(now(), used() + 1) > now() + 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  const step = Math.max(now(), used() + 1);
  writeJson(stepsFile(), { ...readJson<Record<string, number>>(stepsFile(), {}), [secret]: step });
  return generate({ secret, epoch: step * 30 });
}

export function isDemoAdmin(email: string, password: string): boolean {
  return email.trim().toLowerCase() === DEMO_ADMIN && password === DEMO_PASSWORD;
}

/** Sign the demo admin in through `ctx` (its cookie jar gets the session), with a fresh code. */
async function signInDemoAdmin(ctx: APIRequestContext): Promise<number> {
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const form = { csrfToken, email: DEMO_ADMIN, password: DEMO_PASSWORD, json: "true", code: await nextCode(DEMO_TOTP_SECRET) };
  return (await ctx.post("/api/auth/callback/credentials", { form })).status();
}

/**
 * The demo admin's session cookies: the shared one while it still stands, else a new sign-in's. `ctx` is a request
 * context to sign in with (a browser context's `request`, or a new API context).
 */
export async function demoAdminSession(ctx: APIRequestContext, baseURL: string): Promise<TCookies> {
  const cached = readJson<TCookies | null>(sessionFile(), null);
  if (cached) {
    const cookie = cached.map((c) => `${c.name}=${c.value}`).join("; ");
    const me = await fetch(new URL("/api/v1/me", baseURL), { headers: { cookie } });
    if (me.status === 200) return cached;
  }
  const status = await signInDemoAdmin(ctx);
  if (status !== 200) throw new Error(`sign-in of the demo admin failed (status ${status})`);
  const cookies = (await ctx.storageState()).cookies.filter((c) => c.name.includes("next-auth.session-token") || c.name.includes("csrf-token"));
  writeJson(sessionFile(), cookies);
  return cookies;
}

/** Put the demo admin's session into a browser context. */
export async function putDemoAdminSession(context: BrowserContext, baseURL: string): Promise<void> {
  await context.addCookies(await demoAdminSession(context.request, baseURL));
}
