import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeCached } from "./decode-cached";

const secret = "a-test-secret-that-is-long-enough-0123456789";

describe("decodeCached", () => {
  it("decrypts a session token once and reuses the claims for that exact token", async () => {
    const token = await encode({ token: { sub: "u-1", role: "STAFF" }, secret, maxAge: 60 });
    const first = await decodeCached({ token, secret });
    expect(first).toMatchObject({ sub: "u-1", role: "STAFF" });
    expect(await decodeCached({ token, secret })).toBe(first);
  });

  it("refuses a token under another secret, a tampered token and an expired one", async () => {
    const token = await encode({ token: { sub: "u-2" }, secret, maxAge: 60 });
    await decodeCached({ token, secret });
    await expect(decodeCached({ token, secret: `${secret}-other` })).rejects.toThrow();
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(decodeCached({ token: tampered, secret })).rejects.toThrow();
    const expired = await encode({ token: { sub: "u-3" }, secret, maxAge: -60 });
    await expect(decodeCached({ token: expired, secret })).rejects.toThrow();
    expect(await decodeCached({ token: "", secret })).toBeNull();
  });
});
