import { describe, expect, it } from "vitest";
import { isMalformedPath, malformedPathResponse } from "./malformed-path";

describe("malformed paths", () => {
  it("spots broken percent-encoding only", () => {
    expect(["/api/v1/visits/%E0%A4%A", "/visits/%ZZ", "/api/v1/patients/%"].map(isMalformedPath)).toEqual([true, true, true]);
    expect(["/api/v1/visits/abc", "/visits/%E2%9C%93", "/patients/a%20b"].map(isMalformedPath)).toEqual([false, false, false]);
  });

  it("answers API paths with a JSON 400 naming the path", async () => {
    const res = malformedPathResponse("/api/v1/visits/%E0%A4%A")!;
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "bad_request", fields: [{ field: "(path)" }] } });
    expect(malformedPathResponse("/api/v1/visits/abc")).toBeNull();
  });
});
