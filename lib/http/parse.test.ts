import { describe, expect, it } from "vitest";
import { rejection } from "@/lib/testing/rejection";
import { z } from "zod";
import { AppError } from "@/lib/contracts/errors";
import { QUESTION_LIST } from "@/lib/clinical/catalogue";
import { makeDraftSchema } from "@/lib/clinical/schema";
import { ZAddendum, ZAmend, ZDecision, ZSign, ZStartVisit, ZSubmitVisit } from "@/lib/contracts/visit";
import { fieldLabel, fieldLabels, parseFormBody, parseJsonBody, parseQuery, refuseInQuery, refusalMessage, unsafeFields, zodFieldErrors } from "./parse";

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

/** A body of `total` bytes in `chunk`-byte pieces, made only as they are read; `pulled()` says how many were. */
function lazyBody(total: number, chunk = 64 * 1024) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
  return { stream, pulled: () => sent };
}
const streamed = (body: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
  new Request("http://x/api", { method: "POST", headers, body, duplex: "half" } as RequestInit & { duplex: "half" });

describe("body size limit", () => {
  const schema = z.strictObject({ name: z.string() });
  const MB30 = 30 * 1024 * 1024;

  it("answers 413 on a Content-Length over the limit, before reading the body", async () => {
    const body = lazyBody(MB30);
    const error = await rejection(parseJsonBody(streamed(body.stream, { "content-type": "application/json", "content-length": String(MB30) }), schema));
    expect(error.status).toBe(413);
    expect(error.code).toBe("payload_too_large");
    expect(error.fields).toEqual([{ field: "(body)", message: "must be at most 256 KB" }]);
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it("stops reading a body without Content-Length as soon as it passes the limit (413), for JSON and forms", async () => {
    for (const type of ["application/json", "application/x-www-form-urlencoded"]) {
      const body = lazyBody(MB30);
      const request = streamed(body.stream, { "content-type": type });
      const error = await rejection(type === "application/json" ? parseJsonBody(request, schema) : parseFormBody(request, z.object({})));
      expect(error.status, type).toBe(413);
      expect(error.fields).toEqual([{ field: "(body)", message: "must be at most 256 KB" }]);
      expect(body.pulled(), type).toBeLessThanOrEqual(256 * 1024 + 2 * 64 * 1024);
    }
  });

  it("takes a body of exactly the limit, and UTF-8 split across chunks", async () => {
    const padded = `{"name":"é"${" ".repeat(256 * 1024 - 13)}}`;
    expect(Buffer.byteLength(padded)).toBe(256 * 1024);
    const bytes = new TextEncoder().encode(padded);
    const split = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10)); // ends inside the two bytes of "é"
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    expect(await parseJsonBody(streamed(split, { "content-type": "application/json" }), schema)).toEqual({ name: "é" });
    expect((await rejection(parseJsonBody(json(`${padded} `), schema))).status).toBe(413);
  });
});

describe("content type", () => {
  const schema = z.strictObject({ name: z.string() });
  const typed = (type: string, body = '{"name":"a"}') => new Request("http://x/api", { method: "POST", headers: { "content-type": type }, body });

  it("takes JSON as application/json only: parameters and any case allowed, look-alikes refused", async () => {
    for (const type of ["application/json", "application/json; charset=utf-8", "Application/JSON", " application/json ;charset=UTF-8", "application/json;"]) {
      expect(await parseJsonBody(typed(type), schema), type).toEqual({ name: "a" });
    }
    for (const type of ["application/jsonfoo", "application/json-patch+json", "application/json2; charset=utf-8", "application/json, text/plain", "text/plain; application/json", "application/x-json"]) {
      const error = await rejection(parseJsonBody(typed(type), schema));
      expect(error.status, type).toBe(400);
      expect(error.fields, type).toEqual([{ field: "(body)", message: "must be JSON" }]);
    }
  });

  it("takes a form as application/x-www-form-urlencoded only, with parameters", async () => {
    const form = z.object({ name: z.string() });
    expect(await parseFormBody(typed("application/x-www-form-urlencoded; charset=UTF-8", "name=a"), form)).toEqual({ name: "a" });
    expect(await parseFormBody(typed("APPLICATION/X-WWW-FORM-URLENCODED", "name=a"), form)).toEqual({ name: "a" });
    for (const type of ["application/x-www-form-urlencodedfoo", "application/x-www-form-urlencoded-evil; charset=utf-8"]) {
      expect((await rejection(parseFormBody(typed(type, "name=a"), form))).fields, type).toEqual([{ field: "(body)", message: "must be a form" }]);
    }
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
    expect(() => refuseInQuery(new Request("http://x/api?page=2&query=y&qq=1&sq=2&quick=3"), "q", "POST /api/search")).not.toThrow();
  });

  it("refuses the field under any spelling a query parser could map to it (case, brackets, indices, dots, spaces)", () => {
    for (const query of ["Q=Garcia", "q[]=Garcia", "Q[]=Garcia", "q[0]=Garcia", "q[name]=Garcia", "q.x=Garcia", "%20q=Garcia", "q%20=Garcia", "page=2&q%5B%5D=Garcia"]) {
      const error = (() => {
        try {
          refuseInQuery(new Request(`http://x/api?${query}`), "q", "POST /api/search");
        } catch (e) {
          return e as AppError;
        }
        return null;
      })();
      expect(error, query).toBeInstanceOf(AppError);
      expect(error!.status).toBe(400);
      expect(error!.fields).toEqual([{ field: "q", message: "must not be in the URL; use POST /api/search" }]);
      expect(error!.message).not.toContain("Garcia");
    }
  });
});

describe("messages in words (issue 18 item 1)", () => {
  const body = (data: unknown) => json(JSON.stringify(data));
  /** Every catalogue field id and body key a message must not show (the ones that are not ordinary words). */
  const CODE_WORDS = /\b(reasonCode|reasonText|blankReason|provisionalReason|acknowledgeProvisional|patientId|pageSize|[a-z]+_[a-z0-9_]+)\b/;

  it("names body fields as the form does, keeping the key in `field`: an override without imaging or reason", async () => {
    const error = await rejection(parseJsonBody(body({ version: 3, action: "override" }), ZDecision));
    expect(error.status).toBe(400);
    expect(error.fields).toEqual([
      { field: "modality", message: "Imaging: choose the imaging you want instead" },
      { field: "reasonCode", message: "Reason: choose a reason for the override" },
    ]);
    expect(error.message).toBe("Please check Imaging and Reason.");
  });

  it("one problem is the message itself, as a sentence", async () => {
    const error = await rejection(parseJsonBody(body({ version: 3, action: "override", modality: "mri", reasonCode: "other" }), ZDecision));
    expect(error.fields).toEqual([{ field: "reasonText", message: 'Reason in words: explain the reason when it is "Other"' }]);
    expect(error.message).toBe('Reason in words: explain the reason when it is "Other".');
  });

  it("nested reasons, versions and unknown values read in words, with the option labels", async () => {
    const error = await rejection(parseJsonBody(body({ version: 0, blankReason: { code: "busy" } }), ZSubmitVisit));
    expect(error.fields).toEqual([
      { field: "version", message: "Version: must be 1 or more" },
      {
        field: "blankReason.code",
        message:
          "Reason for the blank answers: choose one of the reasons (The patient is unable to answer; The patient declined to answer; " +
          "An interpreter is needed; Other (explain))",
      },
    ]);
    expect(error.message).toBe("Please check Version and Reason for the blank answers.");
    const other = await rejection(parseJsonBody(body({ version: 2, provisionalReason: { code: "other" } }), ZSign));
    expect(other.fields).toEqual([{ field: "provisionalReason.text", message: 'Reason the answers cannot be obtained: explain the reason when it is "Other"' }]);
  });

  it("answers are named by the question's words from the catalogue (a draft's answers and answers.<id> alike)", () => {
    const draft = makeDraftSchema().safeParse({ age_years: "forty", saddle_anesthesia: "maybe", pain_location: "buttock" });
    const fields = zodFieldErrors(draft.error!.issues);
    expect(fields).toEqual([
      { field: "age_years", message: "Age: enter a number, or leave it blank" },
      { field: "pain_location", message: "Where the pain is: tick options from the list, or leave it blank" },
      { field: "saddle_anesthesia", message: "Numbness in the saddle area: choose yes or no, or leave it blank" },
    ].sort((a, b) => QUESTION_LIST.findIndex((q) => q.id === a.field) - QUESTION_LIST.findIndex((q) => q.id === b.field)));
    expect(refusalMessage(fields)).toBe("Please check Age, Where the pain is and Numbness in the saddle area.");
    expect(fieldLabel("answers.saddle_anesthesia")).toBe("Numbness in the saddle area");
    expect(fieldLabel("answers.history_of_cancer")).toBe("History of cancer");
    expect(fieldLabels([{ field: "answers.age_years", message: "x" }, { field: "age_years", message: "y" }, { field: "reasonCode", message: "z" }])).toBe("Age and Reason");
  });

  it("a message that starts with the raw key gets the words; an unknown key is quoted as sent", async () => {
    const search = z.strictObject({ q: z.string().max(3, "q must be at most 3 characters"), pageSize: z.number({ error: "pageSize must be 25, 50 or 100" }) });
    const error = await rejection(parseJsonBody(body({ q: "abcd", pageSize: "x", colour: 1 }), search));
    expect(error.fields).toEqual([
      { field: "q", message: "Search text must be at most 3 characters" },
      { field: "pageSize", message: "Page size must be 25, 50 or 100" },
      { field: "colour", message: '"colour" is not a known field' },
    ]);
    // Messages already in words are kept as they are.
    const words = await rejection(parseJsonBody(body({ q: 1, pageSize: 25 }), z.strictObject({ q: z.string({ error: "Search text must be text" }), pageSize: z.number() })));
    expect(words.fields).toEqual([{ field: "q", message: "Search text must be text" }]);
  });

  it("no message of a representative bad body shows a field id, body key or option value", async () => {
    const cases: [z.ZodType, unknown][] = [
      [ZDecision, { version: "3", action: "approve", modality: "pet", reasonCode: "whim", reasonText: 5, note: [] }],
      [ZDecision, { version: 1, action: "accept", reasonCode: "other" }],
      [ZSubmitVisit, { version: 1, answers: [], blankReason: "no" }],
      [ZSubmitVisit, { version: 1, blankReason: { code: "other", text: "x".repeat(501) } }],
      [ZSign, { version: 1, acknowledgeProvisional: "yes", provisionalReason: { code: "nope" } }],
      [ZAmend, { version: 1, answers: {} }],
      [ZAddendum, { text: "" }],
      [ZStartVisit, { patientId: "p-1" }],
    ];
    for (const [schema, data] of cases) {
      const error = await rejection(parseJsonBody(body(data), schema));
      expect(error.status, JSON.stringify(data)).toBe(400);
      for (const text of [error.message, ...(error.fields ?? []).map((f) => f.message)]) {
        expect(text, JSON.stringify(data)).not.toMatch(CODE_WORDS);
        expect(text, JSON.stringify(data)).not.toMatch(/^[a-z]/);
      }
    }
  });
});
