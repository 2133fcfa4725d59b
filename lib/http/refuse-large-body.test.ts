import { describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { refuseLargeBody } from "./refuse-large-body";

/** A body of `total` bytes in 16 KB pieces, made only as they are read; `pulled()` says how many were. */
function lazyBody(total: number) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(16 * 1024, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x61));
    },
  });
  return { stream, pulled: () => sent };
}
const SIGN_IN = "http://localhost/api/auth/callback/credentials";
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(SIGN_IN, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body, duplex: "half" } as RequestInit & { duplex: "half" });
const context = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
const MB30 = 30 * 1024 * 1024;

describe("body size limit outside apiRoute (next-auth)", () => {
  it("answers an anonymous 30 MB sign-in post with a JSON 413 on its Content-Length, reading none of it", async () => {
    const body = lazyBody(MB30);
    const response = await authPost(post(body.stream, { "content-length": String(MB30) }), context);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "payload_too_large", message: expect.stringContaining("16 KB"), fields: [{ field: "(body)", message: "must be at most 16 KB" }], id: expect.any(String) },
    });
    expect(body.pulled()).toBeLessThanOrEqual(16 * 1024);
  });

  it("stops reading a chunked sign-in post without Content-Length once it passes 16 KB (413)", async () => {
    const body = lazyBody(MB30);
    const response = await authPost(post(body.stream), context);
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
    // A few pieces read ahead by the stream machinery at most, not the 30 MB.
    expect(body.pulled()).toBeLessThanOrEqual(128 * 1024);
  });

  it("leaves a body within the limit whole for the handler to read", async () => {
    const text = `csrfToken=abc&email=a%40b.c&password=${"x".repeat(16 * 1024 - 37)}`;
    expect(Buffer.byteLength(text)).toBe(16 * 1024);
    const request = post(text);
    expect(await refuseLargeBody(request, 16 * 1024)).toBeNull();
    expect(await request.text()).toBe(text);
    expect(await refuseLargeBody(new Request(SIGN_IN), 16 * 1024)).toBeNull();
    expect((await refuseLargeBody(post(`${text}x`), 16 * 1024))!.status).toBe(413);
  });
});
