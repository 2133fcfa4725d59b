// Request parsing for API handlers: JSON bodies and query strings through zod, with errors that
// name the field. Nothing reaches a domain operation unparsed.
import type { z } from "zod";
import { AppError, type TFieldError } from "./errors";

const MAX_BODY_BYTES = 256 * 1024;

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

export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("bad_request", "Send the body as JSON (Content-Type: application/json).", [
      { field: "(body)", message: "must be JSON" },
    ]);
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new AppError("bad_request", "The request body is too large.", [{ field: "(body)", message: "must be at most 256 KB" }]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.", [{ field: "(body)", message: "must be valid JSON" }]);
  }
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
  return parseWith(schema, params, "query");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route ids are UUIDs: anything else is simply not found (and never reaches SQL). */
export function parseId(id: string, what: string): string {
  if (!UUID.test(id)) throw new AppError("not_found", `${what} not found.`);
  return id.toLowerCase();
}
