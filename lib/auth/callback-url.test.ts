import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

describe("safeCallbackPath (the sign-in page's return address)", () => {
  it.each([
    "/.//evil.example/x",
    "/..//evil.example",
    "/%2e//evil.example",
    "/a/..//evil.example",
    "/./\\evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "/\t/evil.example",
    "/%2e%2e//evil.example",
  ])("%s goes home, never to another site", (raw) => {
    const path = safeCallbackPath(raw);
    expect(path).toBe("/");
    expect(new URL(path, "https://backline.example").origin).toBe("https://backline.example");
  });

  it.each([
    ["/review?status=signed", "/review?status=signed"],
    ["/patients/0b5a4b9e-4b8e-4d7e-9c39-0b0c0f3c5e11", "/patients/0b5a4b9e-4b8e-4d7e-9c39-0b0c0f3c5e11"],
    ["/review/../admin", "/admin"],
    // An encoded slash stays encoded in a path: a page on this site (a 404), not another site.
    ["/.%2f/evil.example", "/.%2f/evil.example"],
    ["/signin?callbackUrl=/x", "/"],
    ["/api/v1/me", "/"],
    [undefined, "/"],
    [["/review", "/admin"], "/review"],
  ])("%j → %s", (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });
});
