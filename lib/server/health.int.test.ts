import { describe, expect, it } from "vitest";
import { checkHealth } from "./health";

describe("checkHealth", () => {
  it("reports the database up when PostgreSQL answers", async () => {
    expect(await checkHealth()).toMatchObject({ status: "ok", database: "up" });
  });

  it("reports it down, quickly, when PostgreSQL cannot be reached", async () => {
    const started = Date.now();
    expect(await checkHealth(1_500, "postgresql://nobody:nothing@127.0.0.1:1/none")).toMatchObject({ status: "unavailable", database: "down" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
