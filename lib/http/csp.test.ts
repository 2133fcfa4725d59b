import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "./csp";
import { redactMessage } from "@/lib/log";
import { pastMaxLifetime, renewedLifetime, shouldRenew } from "@/lib/auth/session-cookie";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("content security policy", () => {
  it("allows scripts only with this response's nonce: no inline, no eval, no framing, no plugins", () => {
    const d = directives(contentSecurityPolicy("abc123", false));
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(d.get("style-src")).toEqual(["'self'", "'nonce-abc123'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect([...d.values()].flat()).not.toContain("'unsafe-inline'");
    expect([...d.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it("relaxes only what React's development tooling needs, in development", () => {
    const d = directives(contentSecurityPolicy("abc123", true));
    expect(d.get("script-src")).toContain("'unsafe-eval'");
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("uses a fresh, unguessable nonce per request", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("Strict-Transport-Security", () => {
  it("is sent for an https app only", () => {
    expect(strictTransportSecurity("https://backline.example.org")).toBe("max-age=31536000; includeSubDomains");
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
  });
});

describe("sliding session renewal", () => {
  const idle = 30 * 60;
  it("renews a token once it is a minute old, not before", () => {
    const now = 1_000_000;
    expect(shouldRenew(now + idle, now, idle)).toBe(false); // just issued
    expect(shouldRenew(now + idle - 59, now, idle)).toBe(false);
    expect(shouldRenew(now + idle - 60, now, idle)).toBe(true);
    expect(shouldRenew(now + 10, now, idle)).toBe(true); // about to lapse
    expect(shouldRenew(undefined, now, idle)).toBe(true);
  });

  const max = 12 * 3600;
  it("ends a session at its absolute lifetime however active, and never renews past it", () => {
    const signedInAt = 1_000_000;
    expect(pastMaxLifetime(signedInAt, signedInAt + max - 1, max)).toBe(false);
    expect(pastMaxLifetime(signedInAt, signedInAt + max, max)).toBe(true);
    expect(pastMaxLifetime(undefined, signedInAt, max)).toBe(true); // a token from before the rule
    expect(pastMaxLifetime("1000000", signedInAt, max)).toBe(true);
    expect(renewedLifetime(signedInAt, signedInAt + 60, idle, max)).toBe(idle);
    expect(renewedLifetime(signedInAt, signedInAt + max - 600, idle, max)).toBe(600); // cut short
    expect(renewedLifetime(signedInAt, signedInAt + max + 5, idle, max)).toBe(0);
  });
});

describe("log redaction", () => {
  it("cuts quoted data out of error messages", () => {
    expect(redactMessage(`Unexpected token 'G', "Garcia" is not valid JSON`)).toBe(`Unexpected token "[redacted]", "[redacted]" is not valid JSON`);
    expect(redactMessage('Invalid `prisma.patient.create()` invocation: { data: { givenName: "Maria" } }')).not.toMatch(/Maria/);
    expect(redactMessage("x".repeat(2000))).toHaveLength(501);
  });
});
