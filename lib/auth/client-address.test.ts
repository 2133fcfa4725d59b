import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const preload = createRequire(import.meta.url)("./client-address-preload.cjs") as {
  HEADER: string;
  resolveClientAddress: (req: { socket: { remoteAddress?: string }; headers: Record<string, unknown> }, hops: number) => string;
};

describe("client address for throttling", () => {
  it("is the address the preload decided, whatever X-Forwarded-For says", () => {
    expect(clientAddress({ "x-backline-client-address": "::ffff:10.1.2.3", "x-forwarded-for": "6.6.6.6" })).toBe("10.1.2.3");
    expect(clientAddress({ "x-backline-client-address": "::1" })).toBe("::1");
  });

  it("without the preload (development), is the rightmost X-Forwarded-For entry", () => {
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 127.0.0.1" })).toBe("127.0.0.1");
    expect(clientAddress({ "x-forwarded-for": ["1.2.3.4", "5.6.7.8"] })).toBe("5.6.7.8");
  });

  it("strips ports and brackets, and folds anything that is not an address into one bucket", () => {
    expect(clientAddress({ "x-backline-client-address": "203.0.113.9:51234" })).toBe("203.0.113.9");
    expect(clientAddress({ "x-backline-client-address": "[2001:db8::1]:443" })).toBe("2001:db8::1");
    expect(clientAddress({ "x-backline-client-address": "<script>" })).toBe("invalid");
    expect(clientAddress({ "x-forwarded-for": "x".repeat(500) })).toBe("invalid");
    expect(clientAddress({})).toBe("unknown");
    expect(clientAddress(undefined)).toBe("unknown");
  });
});

describe("the production preload (lib/auth/client-address-preload.cjs)", () => {
  const req = (peer: string, xff?: string) => ({ socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { "x-forwarded-for": xff } });

  it("with no proxy, takes the TCP peer and ignores a forged X-Forwarded-For", () => {
    expect(preload.resolveClientAddress(req("203.0.113.7", "6.6.6.6"), 0)).toBe("203.0.113.7");
    expect(preload.resolveClientAddress(req("203.0.113.7"), 0)).toBe("203.0.113.7");
  });

  it("behind n trusted proxies, takes the entry n places from the right (what the outermost proxy saw)", () => {
    // A client forging "6.6.6.6" behind one proxy that appends the real address.
    expect(preload.resolveClientAddress(req("10.0.0.1", "6.6.6.6, 203.0.113.5"), 1)).toBe("203.0.113.5");
    // Two proxies: the outer one appended the client, the inner one appended the outer proxy.
    expect(preload.resolveClientAddress(req("10.0.0.1", "6.6.6.6, 203.0.113.5, 10.0.0.2"), 2)).toBe("203.0.113.5");
    // Fewer entries than proxies: no entry is trusted, the peer is used.
    expect(preload.resolveClientAddress(req("10.0.0.1", "203.0.113.5"), 3)).toBe("10.0.0.1");
  });

  describe("over a real socket", () => {
    const servers: http.Server[] = [];
    afterAll(() => servers.forEach((s) => s.close()));

    it("puts the peer in x-backline-client-address, overwriting what the client sent under that name", async () => {
      // install() patches http.createServer the way `node --require` does in each worker.
      (createRequire(import.meta.url)("./client-address-preload.cjs") as { install: (hops: number) => void }).install(0);
      const server = http.createServer((request, response) => {
        response.end(JSON.stringify({ address: clientAddress(request.headers) }));
      });
      servers.push(server);
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6", [preload.HEADER]: "7.7.7.7" } });
      expect(await response.json()).toEqual({ address: "127.0.0.1" });
    });
  });
});
