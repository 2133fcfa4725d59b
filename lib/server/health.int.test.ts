import { describe, expect, it } from "vitest";
import { checkHealth } from "./health";

describe("checkHealth", () => {
  it("reports the database up when PostgreSQL answers", async () => {
    expect(await checkHealth()).toMatchObject({ status: "ok", database: "up" });
  });

  it("reports it down, quickly, when PostgreSQL cannot be reached", async () => {
    const holder = globalThis as { backlineDb?: unknown };
    const saved = holder.backlineDb;
    const { createDb } = await import("@/lib/db/client");
    holder.backlineDb = createDb("postgresql://nobody:nothing@127.0.0.1:1/none", 1);
    try {
      const started = Date.now();
      expect(await checkHealth(1_500)).toMatchObject({ status: "unavailable", database: "down" });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      holder.backlineDb = saved;
    }
  });
});
