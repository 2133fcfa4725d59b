import { describe, expect, it } from "vitest";
import { crossSiteHeader, ownOrigins } from "./same-origin";

const own = ownOrigins("http://localhost:3000/api/v1/visits/export.csv", "https://backline.example.org/");
const check = (headers: Record<string, string>) => crossSiteHeader(new Headers(headers), own);

describe("crossSiteHeader", () => {
  it("lets through this app's own origins, and clients that send neither header", () => {
    expect([...own].sort()).toEqual(["http://localhost:3000", "https://backline.example.org"]);
    expect(check({})).toBeNull();
    expect(check({ origin: "http://localhost:3000" })).toBeNull();
    expect(check({ origin: "https://backline.example.org", "sec-fetch-site": "same-origin" })).toBeNull();
    expect(check({ origin: "HTTPS://Backline.Example.org" })).toBeNull();
    expect(check({ "sec-fetch-site": "none" })).toBeNull();
    // A form post from the app's own page under Referrer-Policy: no-referrer, as Chromium sends it.
    expect(check({ origin: "null", "sec-fetch-site": "same-origin" })).toBeNull();
  });

  it("names the header that shows another site sent the request", () => {
    expect(check({ origin: "https://evil.example" })).toBe("Origin");
    expect(check({ origin: "null" })).toBe("Origin");
    expect(check({ origin: "null", "sec-fetch-site": "none" })).toBe("Origin");
    expect(check({ origin: "null", "sec-fetch-site": "cross-site" })).toBe("Sec-Fetch-Site");
    expect(check({ origin: "https://evil.example", "sec-fetch-site": "same-origin" })).toBe("Origin");
    expect(check({ origin: "http://localhost:3001" })).toBe("Origin");
    expect(check({ origin: "https://backline.example.org.evil.example" })).toBe("Origin");
    expect(check({ "sec-fetch-site": "cross-site" })).toBe("Sec-Fetch-Site");
    expect(check({ "sec-fetch-site": "same-site", origin: "https://backline.example.org" })).toBe("Sec-Fetch-Site");
  });

  it("works without a configured public URL", () => {
    expect([...ownOrigins("http://10.0.0.5:8080/x", undefined)]).toEqual(["http://10.0.0.5:8080"]);
  });
});
