import net from "node:net";
import { describe, expect, inject, it } from "vitest";
import { freePort } from "./embedded";
import { databaseReachable } from "./reachable";

describe("databaseReachable", () => {
  it("is true for a PostgreSQL that answers", async () => {
    expect(await databaseReachable(inject("databaseUrl"))).toBe(true);
  });

  it("is false, quickly, when nothing listens on the port", async () => {
    const url = `postgresql://backline:secret@127.0.0.1:${await freePort()}/nothing`;
    const started = performance.now();
    expect(await databaseReachable(url)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("is false within its time limit when the server accepts the connection but never answers", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const url = `postgresql://backline:secret@127.0.0.1:${(silent.address() as net.AddressInfo).port}/hung`;
      const started = performance.now();
      expect(await databaseReachable(url, 300)).toBe(false);
      expect(performance.now() - started).toBeLessThan(1_500);
    } finally {
      silent.close();
    }
  });

  it("shares one probe between concurrent callers, and probes again afterwards", async () => {
    const url = inject("databaseUrl");
    const first = databaseReachable(url);
    expect(databaseReachable(url)).toBe(first);
    await first;
    const later = databaseReachable(url);
    expect(later).not.toBe(first);
    expect(await later).toBe(true);
  });
});
