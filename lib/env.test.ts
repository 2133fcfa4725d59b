import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const base = { DATABASE_URL: "postgresql://u:p@localhost:5432/db", NEXTAUTH_SECRET: "x".repeat(32), BACKLINE_TRUSTED_PROXY_HOPS: "0" };

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
}

describe("environment validation", () => {
  it("accepts a complete configuration and applies defaults", () => {
    const env = parseEnv({ ...base, NODE_ENV: "production" });
    expect(env.AUTH_SECRET).toBe(base.NEXTAUTH_SECRET);
    expect(env.BACKLINE_SESSION_IDLE_MINUTES).toBe(30);
  });

  it("defaults the session and sign-in limits, takes them from the environment, and names a bad one", () => {
    const defaults = parseEnv({ ...base, NODE_ENV: "production" });
    expect([defaults.BACKLINE_LOGIN_MAX_FAILURES_PER_ACCOUNT, defaults.BACKLINE_LOGIN_MAX_FAILURES_PER_ADDRESS, defaults.BACKLINE_LOGIN_WINDOW_MINUTES, defaults.BACKLINE_TRUSTED_PROXY_HOPS]).toEqual([5, 20, 15, 0]);
    const set = parseEnv({ ...base, BACKLINE_SESSION_IDLE_MINUTES: "10", BACKLINE_LOGIN_MAX_FAILURES_PER_ADDRESS: "500", BACKLINE_TRUSTED_PROXY_HOPS: "1" });
    expect([set.BACKLINE_SESSION_IDLE_MINUTES, set.BACKLINE_LOGIN_MAX_FAILURES_PER_ADDRESS, set.BACKLINE_TRUSTED_PROXY_HOPS]).toEqual([10, 500, 1]);
    expect(problems({ ...base, BACKLINE_SESSION_IDLE_MINUTES: "1", BACKLINE_LOGIN_WINDOW_MINUTES: "soon" })).toEqual([
      expect.stringMatching(/^BACKLINE_SESSION_IDLE_MINUTES /),
      expect.stringMatching(/^BACKLINE_LOGIN_WINDOW_MINUTES /),
    ]);
  });

  it("refuses to start production without BACKLINE_TRUSTED_PROXY_HOPS, or with more hops than any deployment has", () => {
    const withoutHops: Record<string, string> = { ...base };
    delete withoutHops.BACKLINE_TRUSTED_PROXY_HOPS;
    expect(problems({ ...withoutHops, NODE_ENV: "production" })).toEqual([expect.stringMatching(/^BACKLINE_TRUSTED_PROXY_HOPS is required in production: 0 when clients connect/)]);
    expect(problems({ ...withoutHops, NODE_ENV: "production", BACKLINE_TRUSTED_PROXY_HOPS: "" })).toHaveLength(1);
    expect(problems({ ...base, NODE_ENV: "production", BACKLINE_TRUSTED_PROXY_HOPS: "9" })).toEqual([expect.stringMatching(/^BACKLINE_TRUSTED_PROXY_HOPS must be at most 5/)]);
    // Development needs no proxy setting.
    expect(parseEnv({ ...withoutHops, NODE_ENV: "development" }).BACKLINE_TRUSTED_PROXY_HOPS).toBe(0);
  });

  it("takes the clinic's date format, defaults to 6 Dec 2026's, and names a format it does not know", () => {
    expect(parseEnv(base).BACKLINE_DATE_FORMAT).toBe("d MMM yyyy");
    expect(parseEnv({ ...base, BACKLINE_DATE_FORMAT: "MM/dd/yyyy" }).BACKLINE_DATE_FORMAT).toBe("MM/dd/yyyy");
    expect(problems({ ...base, BACKLINE_DATE_FORMAT: "dd.mm.yy" })).toEqual([expect.stringMatching(/^BACKLINE_DATE_FORMAT .*"d MMM yyyy"/)]);
  });

  it("accepts AUTH_SECRET in place of NEXTAUTH_SECRET", () => {
    expect(parseEnv({ NODE_ENV: "production", DATABASE_URL: base.DATABASE_URL, AUTH_SECRET: "y".repeat(40), BACKLINE_TRUSTED_PROXY_HOPS: "0" }).AUTH_SECRET).toBe("y".repeat(40));
  });

  it("names a missing DATABASE_URL", () => {
    expect(problems({ NODE_ENV: "production", NEXTAUTH_SECRET: base.NEXTAUTH_SECRET })).toEqual([
      expect.stringMatching(/^DATABASE_URL is required/),
    ]);
  });

  it("names a bad DATABASE_URL and a bad NEXTAUTH_URL", () => {
    const found = problems({ ...base, NODE_ENV: "production", DATABASE_URL: "mysql://x", NEXTAUTH_URL: "not a url" });
    expect(found).toContainEqual(expect.stringMatching(/^DATABASE_URL must be a postgresql:\/\/ URL/));
    expect(found).toContainEqual(expect.stringMatching(/^NEXTAUTH_URL /));
  });

  it("stops production without a secret, naming it", () => {
    expect(problems({ NODE_ENV: "production", DATABASE_URL: base.DATABASE_URL })).toEqual([
      "NEXTAUTH_SECRET (or AUTH_SECRET) is required in production",
    ]);
  });

  it("refuses a short secret", () => {
    expect(problems({ ...base, NODE_ENV: "production", NEXTAUTH_SECRET: "short" })).toEqual([
      expect.stringMatching(/^NEXTAUTH_SECRET \(or AUTH_SECRET\) must be at least 32 characters/),
    ]);
  });
});
