import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("client address for throttling", () => {
  it("is the address Next.js wrote from the socket when no proxy is trusted", () => {
    expect(clientAddress({ "x-forwarded-for": "127.0.0.1" }, 0)).toBe("127.0.0.1");
    expect(clientAddress({ "x-forwarded-for": "::ffff:10.1.2.3" }, 0)).toBe("10.1.2.3");
    expect(clientAddress({ "x-forwarded-for": "::1" }, 0)).toBe("::1");
  });

  it("behind trusted proxies, is the entry that many places from the right (what the outermost proxy saw)", () => {
    // A client forging "6.6.6.6" behind one proxy that appends the real address.
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 203.0.113.5" }, 1)).toBe("203.0.113.5");
    // Two proxies: the outer one appended the client, the inner one appended the outer proxy.
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.0.0.2" }, 2)).toBe("203.0.113.5");
    // Fewer entries than trusted hops: the leftmost one, rather than nothing.
    expect(clientAddress({ "x-forwarded-for": "203.0.113.5" }, 3)).toBe("203.0.113.5");
  });

  it("strips ports and brackets, and folds anything that is not an address into one bucket", () => {
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9:51234" }, 0)).toBe("203.0.113.9");
    expect(clientAddress({ "x-forwarded-for": "[2001:db8::1]:443" }, 0)).toBe("2001:db8::1");
    expect(clientAddress({ "x-forwarded-for": "<script>" }, 0)).toBe("invalid");
    expect(clientAddress({ "x-forwarded-for": "x".repeat(500) }, 0)).toBe("invalid");
    expect(clientAddress({}, 0)).toBe("unknown");
    expect(clientAddress(undefined, 0)).toBe("unknown");
    expect(clientAddress({ "x-forwarded-for": ["1.2.3.4", "5.6.7.8"] }, 0)).toBe("5.6.7.8");
  });
});
