import { describe, expect, it } from "vitest";
import { rejection } from "@/lib/testing/rejection";
import { z } from "zod";
import { AppError } from "./errors";
import { parseFormBody, parseJsonBody, parseQuery, refuseInQuery, unsafeFields } from "./parse";

const json = (body: string) => new Request("http://x/api", { method: "POST", headers: { "content-type": "application/json" }, body });

describe("unsafeFields", () => {
  it("names NUL characters and unpaired surrogates in values and keys, by path", () => {
    expect(unsafeFields({ a: "ok", b: { c: "x\u0000y" }, d: ["fine", "\ud800"] }).map((f) => f.field).sort()).toEqual(["b.c", "d.1"]);
    expect(unsafeFields({ ["k\udc00"]: 1 }).map((f) => f.field)).toEqual(["(key)"]);
    expect(unsafeFields("\udfff")).toEqual([{ field: "(body)", message: expect.any(String) }]);
  });

  it("names __proto__ keys at any depth (copying one would replace the copy's prototype)", () => {
    expect(unsafeFields(JSON.parse('{"answers":{"__proto__":{"saddle_anesthesia":true}}}')).map((f) => f.field)).toEqual(["answers.__proto__"]);
    expect(unsafeFields(JSON.parse('{"constructor":1,"prototype":{"a":1}}'))).toEqual([]);
  });

  it("accepts paired surrogates, right-to-left marks and other unicode", () => {
    expect(unsafeFields({ a: "😀 \u202eabc \u200b مرحبا 𝕏", b: [1, true, null] })).toEqual([]);
  });

  it("stops at 32 levels of nesting without overflowing the stack", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const fields = unsafeFields({ answers: deep });
    expect(fields).toHaveLength(1);
    expect(fields[0]!.field.startsWith("answers.0.0")).toBe(true);
    expect(fields[0]!.field.split(".")).toHaveLength(32);
    let ok: unknown = "leaf";
    for (let i = 0; i < 30; i++) ok = { x: ok };
    expect(unsafeFields(ok)).toEqual([]);
  });
});

describe("parseJsonBody and parseQuery", () => {
  const schema = z.strictObject({ name: z.string() });

  it("refuses unsafe input before the schema sees it, naming the field", async () => {
    const error = await rejection(parseJsonBody(json('{"name":"a\\u0000b"}'), schema));
    expect(error.status).toBe(400);
    expect(error.fields).toEqual([{ field: "name", message: expect.any(String) }]);
    expect(error.message).not.toContain("a\u0000b");
  });

  it("keeps the existing errors for bad JSON, wrong content type and unknown keys", async () => {
    expect((await rejection(parseJsonBody(json("{nope"), schema))).fields?.[0]?.field).toBe("(body)");
    const text = new Request("http://x/api", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    expect((await rejection(parseJsonBody(text, schema))).fields?.[0]?.field).toBe("(body)");
    expect((await rejection(parseJsonBody(json('{"name":"a","constructor":{"x":1}}'), schema))).fields?.map((f) => f.field)).toEqual(["constructor"]);
    expect((await rejection(parseJsonBody(json('{"name":"a","__proto__":{"x":1}}'), schema))).fields?.map((f) => f.field)).toEqual(["__proto__"]);
  });

  it("refuses a NUL in a query value", () => {
    expect(() => parseQuery(new Request("http://x/api?q=a%00b"), z.object({ q: z.string() }))).toThrow(AppError);
    expect(parseQuery(new Request("http://x/api?q=%C3%A9"), z.object({ q: z.string() }))).toEqual({ q: "é" });
  });
});

describe("parseFormBody", () => {
  const schema = z.object({ q: z.string().optional(), status: z.enum(["ALL", "SIGNED"]).optional() });
  const form = (body: string, type = "application/x-www-form-urlencoded") => new Request("http://x/api", { method: "POST", headers: { "content-type": type }, body });

  it("reads an HTML form's fields as text, the last of a repeated name winning", async () => {
    expect(await parseFormBody(form("q=Garc%C3%ADa+Ruiz&status=SIGNED&status=ALL"), schema)).toEqual({ q: "García Ruiz", status: "ALL" });
  });

  it("refuses another content type, NUL characters and bad values, naming the field but not the value", async () => {
    expect((await rejection(parseFormBody(form("q=a", "application/json"), schema))).fields?.[0]?.field).toBe("(body)");
    const nul = await rejection(parseFormBody(form("q=Gar%00cia"), schema));
    expect(nul.fields).toEqual([{ field: "q", message: expect.any(String) }]);
    expect(nul.message).not.toContain("Gar");
    expect((await rejection(parseFormBody(form("status=panic"), schema))).fields?.map((f) => f.field)).toEqual(["status"]);
    expect((await rejection(parseFormBody(form(`q=${"x".repeat(270_000)}`), schema))).fields?.[0]?.field).toBe("(body)");
  });
});

describe("refuseInQuery", () => {
  it("refuses the parameter whatever its value, naming it and the endpoint to use, without echoing the value", () => {
    for (const url of ["http://x/api?q=Garcia", "http://x/api?page=2&q=", "http://x/api?q"]) {
      const error = (() => {
        try {
          refuseInQuery(new Request(url), "q", "POST /api/search");
        } catch (e) {
          return e as AppError;
        }
        return null;
      })();
      expect(error, url).toBeInstanceOf(AppError);
      expect(error!.status).toBe(400);
      expect(error!.fields).toEqual([{ field: "q", message: "must not be in the URL; use POST /api/search" }]);
      expect(error!.message).toContain("POST /api/search");
      expect(error!.message).not.toContain("Garcia");
    }
    expect(() => refuseInQuery(new Request("http://x/api?page=2&Q=x&query=y"), "q", "POST /api/search")).not.toThrow();
  });
});
