// Request parsing for API handlers: JSON bodies and query strings through zod, with errors that
// name the field. Nothing reaches a domain operation unparsed.
import type { z } from "zod";
import { MAX_BODY_BYTES, readBodyText } from "./body-limit";
import { AppError, type TFieldError } from "@/lib/contracts/errors";

/** No request body of ours nests deeper than a few levels; far deeper input is an attack or a bug. */
const MAX_DEPTH = 32;
const MAX_REPORTED = 10;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What no request of ours may carry, wherever it sits in the body or query:
 *  - text PostgreSQL cannot store (NUL is refused in text and jsonb) or that is not text at all (an
 *    unpaired UTF-16 surrogate would be silently replaced on the way to the database);
 *  - a `__proto__` key: JSON.parse keeps it as a plain key, but copying it (as zod's record schema does)
 *    replaces the copy's prototype, so answers could arrive as inherited properties that no check sees;
 *  - nesting beyond MAX_DEPTH.
 * Walks keys and values without recursion, so hostile nesting cannot overflow the stack. Returns the
 * offending fields as dotted paths (never the values).
 */
export function unsafeFields(input: unknown): TFieldError[] {
  const out: TFieldError[] = [];
  const bad = (s: string) => s.includes("\u0000") || LONE_SURROGATE.test(s);
  const stack: [unknown, string[]][] = [[input, []]];
  while (stack.length > 0 && out.length < MAX_REPORTED) {
    const [value, path] = stack.pop()!;
    const field = path.length ? path.join(".") : "(body)";
    if (typeof value === "string") {
      if (bad(value)) out.push({ field, message: "must not contain NUL characters or unpaired surrogates" });
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (path.length >= MAX_DEPTH) {
      out.push({ field, message: `is nested too deeply (more than ${MAX_DEPTH} levels)` });
      continue;
    }
    for (const [key, inner] of Object.entries(value)) {
      if (key === "__proto__") {
        out.push({ field: [...path, key].join("."), message: "__proto__ is not allowed as a field name" });
        continue;
      }
      if (bad(key)) {
        out.push({ field: [...path, "(key)"].join("."), message: "field names must not contain NUL characters or unpaired surrogates" });
        continue;
      }
      stack.push([inner, [...path, key]]);
    }
  }
  return out;
}

function refuseUnsafe(input: unknown, what: string): void {
  const fields = unsafeFields(input);
  if (fields.length) {
    throw new AppError("validation_failed", `The ${what} is not valid: ${fields.map((f) => f.field).join(", ")}.`, fields);
  }
}

export function zodFieldErrors(issues: readonly z.core.$ZodIssue[]): TFieldError[] {
  const out: TFieldError[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ field: key, message: `${key} is not a known field` });
      continue;
    }
    const field = issue.path.length ? issue.path.map(String).join(".") : "(body)";
    out.push({ field, message: issue.message });
  }
  return out;
}

/**
 * A request's media type: the type/subtype of its Content-Type before any parameters, trimmed and lower-cased
 * ("" when there is none). Compared whole: "application/jsonfoo" is not JSON, "application/json; charset=utf-8" is.
 */
export function mediaTypeOf(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The body as text, if it was sent as `mediaType` (named `kind` in the error) and is within the size limit (413). */
async function readTypedBody(request: Request, mediaType: string, kind: string): Promise<string> {
  if (mediaTypeOf(request) !== mediaType) {
    throw new AppError("bad_request", `Send the body as ${kind} (Content-Type: ${mediaType}).`, [
      { field: "(body)", message: `must be ${kind}` },
    ]);
  }
  return readBodyText(request, MAX_BODY_BYTES);
}

export async function readJson(request: Request): Promise<unknown> {
  const text = await readTypedBody(request, "application/json", "JSON");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.", [{ field: "(body)", message: "must be valid JSON" }]);
  }
  refuseUnsafe(body, "request body");
  return body;
}

/**
 * An HTML form post (application/x-www-form-urlencoded): the fields as strings (a repeated name keeps its last
 * value, as in a query string), with the same size limit and the same refusal of unsafe text as JSON bodies.
 */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const text = await readTypedBody(request, "application/x-www-form-urlencoded", "a form");
  const fields = Object.fromEntries(new URLSearchParams(text).entries());
  refuseUnsafe(fields, "form");
  return fields;
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what = "request"): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = zodFieldErrors(result.error.issues);
    throw new AppError("validation_failed", `The ${what} is not valid: ${fields.map((f) => f.field).join(", ")}.`, fields);
  }
  return result.data;
}

export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  return parseWith(schema, await readJson(request), "request body");
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  refuseUnsafe(params, "query");
  return parseWith(schema, params, "query");
}

export async function parseFormBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  return parseWith(schema, await readForm(request), "form");
}

/**
 * A query key as the field a lenient parser (qs, PHP, Rails, a proxy lower-casing keys) would file it under:
 * lower-cased, trimmed, and cut at the first bracket or dot ("Q", "q[]", "q[0]", "q.x" and " q" are all "q").
 */
const queryFieldOf = (key: string) => key.toLowerCase().trim().split(/[[.]/)[0]!.trim();

/**
 * Refuse a query parameter that must never be in a URL (search text: a patient's name or MRN), whatever its
 * value and however its name is spelt (queryFieldOf), so no client can put it back into one by accident. The
 * value is neither echoed nor logged.
 */
export function refuseInQuery(request: Request, field: string, instead: string): void {
  const refused = field.toLowerCase();
  if ([...new URL(request.url).searchParams.keys()].some((key) => queryFieldOf(key) === refused)) {
    throw new AppError("validation_failed", `${field} is not accepted in the URL: search text is patient data. Send it in the body of ${instead}.`, [
      { field, message: `must not be in the URL; use ${instead}` },
    ]);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route ids are UUIDs: anything else is simply not found (and never reaches SQL). */
export function parseId(id: string, what: string): string {
  if (!UUID.test(id)) throw new AppError("not_found", `${what} not found.`);
  return id.toLowerCase();
}
