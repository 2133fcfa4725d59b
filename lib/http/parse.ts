// Request parsing for API handlers: JSON bodies and query strings through zod, with errors that
// name the field. Nothing reaches a domain operation unparsed.
import type { z } from "zod";
import { questionById } from "@/lib/clinical/catalogue";
import { questionName } from "@/lib/clinical/display";
import { joinWords } from "@/lib/clinical/words";
import { MAX_BODY_BYTES, readBodyText } from "./body-limit";
import { AppError, type TFieldError } from "@/lib/contracts/errors";

// --- field names in words ---------------------------------------------------------------------------------------
// An error's `fields[].field` is the body key or path (a contract for programs: "reasonCode", "answers.age_years");
// its `message` and the error's `message` are read by people, so they call the field what the screen calls it: the
// question's name from the catalogue for an answer, and these words for the other body fields.

/** The words for body and query fields, by key (or dotted path, when a nested field needs its own words). */
const BODY_FIELD_NAMES: Readonly<Record<string, string>> = {
  "(body)": "The request",
  "(key)": "A field name",
  version: "Version",
  patientId: "Patient",
  answers: "Answers",
  blankReason: "Reason for the blank answers",
  action: "Decision",
  modality: "Imaging",
  reasonCode: "Reason",
  reasonText: "Reason in words",
  note: "Clinical note",
  acknowledgeProvisional: "Confirmation",
  provisionalReason: "Reason the answers cannot be obtained",
  text: "Text",
  // patients
  mrn: "MRN",
  givenName: "Given name",
  familyName: "Family name",
  birthDate: "Date of birth",
  confirmDistinct: "Different person",
  // users and account
  name: "Name",
  email: "Email",
  role: "Role",
  password: "Password",
  active: "Active",
  code: "Code",
  // lists, searches and the audit log
  q: "Search text",
  page: "Page",
  pageSize: "Page size",
  status: "Status",
  urgency: "Urgency",
  flag: "Flag",
  imaging: "Imaging",
  from: "From",
  to: "To",
  sort: "Sort",
  dir: "Sort direction",
  actorId: "Actor",
  patient: "Patient",
};

const ANSWER_PREFIX = "answers.";

/**
 * What people call a field: "answers.age_years" (or "age_years" in a draft's answers) is "Age", "reasonCode" is
 * "Reason", "blankReason.code" is "Reason for the blank answers". A key with no words (an unknown field the caller
 * sent) is returned as it is.
 */
export function fieldLabel(field: string): string {
  const answer = field.startsWith(ANSWER_PREFIX) ? field.slice(ANSWER_PREFIX.length) : field;
  const question = questionById(answer);
  if (question) return questionName(question);
  if (Object.hasOwn(BODY_FIELD_NAMES, field)) return BODY_FIELD_NAMES[field]!;
  const head = field.split(".")[0]!;
  if (head !== field && Object.hasOwn(BODY_FIELD_NAMES, head)) return BODY_FIELD_NAMES[head]!;
  return field;
}

/** The fields of a refusal in words, for its top-level message: "Age, Sex and Reason". */
export function fieldLabels(fields: readonly TFieldError[]): string {
  return joinWords([...new Set(fields.map((f) => fieldLabel(f.field)))]);
}

/**
 * A schema's message with the field in words: a message that starts with the raw key ("reasonCode is required",
 * "blankReason.text must be text") gets the words instead ("Reason is required"); any other message is kept.
 */
function inWords(field: string, message: string): string {
  const label = fieldLabel(field);
  if (label === field) return message;
  const last = field.split(".").pop()!;
  for (const key of [field, last]) {
    if (message === key || message.startsWith(`${key} `) || message.startsWith(`${key}:`) || message.startsWith(`${key},`)) {
      return label + message.slice(key.length);
    }
  }
  return message;
}

/** A sentence: first letter capitalised, ending with a full stop. */
const sentence = (text: string) => {
  const t = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
};

/** The top-level message of a refusal: the one problem itself, or which fields to check. */
export function refusalMessage(fields: readonly TFieldError[]): string {
  if (fields.length === 1) return sentence(fields[0]!.message);
  return `Please check ${fieldLabels(fields)}.`;
}

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
      if (bad(value)) out.push({ field, message: `${fieldLabel(field)}: contains characters that cannot be stored (a NUL or an unpaired surrogate)` });
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (path.length >= MAX_DEPTH) {
      out.push({ field, message: `${fieldLabel(field)}: is nested too deeply (more than ${MAX_DEPTH} levels)` });
      continue;
    }
    for (const [key, inner] of Object.entries(value)) {
      if (key === "__proto__") {
        out.push({ field: [...path, key].join("."), message: '"__proto__" is not allowed as a field name' });
        continue;
      }
      if (bad(key)) {
        out.push({ field: [...path, "(key)"].join("."), message: "A field name contains characters that cannot be stored (a NUL or an unpaired surrogate)" });
        continue;
      }
      stack.push([inner, [...path, key]]);
    }
  }
  return out;
}

function refuseUnsafe(input: unknown): void {
  const fields = unsafeFields(input);
  if (fields.length) throw new AppError("validation_failed", refusalMessage(fields), fields);
}

/** zod issues as field errors: the path as `field` (the contract), the message in words (inWords). */
export function zodFieldErrors(issues: readonly z.core.$ZodIssue[]): TFieldError[] {
  const out: TFieldError[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      // The caller's own key: quoted, as there are no words for it.
      for (const key of issue.keys) out.push({ field: key, message: `"${key}" is not a known field` });
      continue;
    }
    const field = issue.path.length ? issue.path.map(String).join(".") : "(body)";
    out.push({ field, message: inWords(field, issue.message) });
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
  refuseUnsafe(body);
  return body;
}

/**
 * An HTML form post (application/x-www-form-urlencoded): the fields as strings (a repeated name keeps its last
 * value, as in a query string), with the same size limit and the same refusal of unsafe text as JSON bodies.
 */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const text = await readTypedBody(request, "application/x-www-form-urlencoded", "a form");
  const fields = Object.fromEntries(new URLSearchParams(text).entries());
  refuseUnsafe(fields);
  return fields;
}

/** `_what` ("request body", "query") is accepted from older callers; messages now name the fields instead. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- kept so existing three-argument calls still compile
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, _what?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = zodFieldErrors(result.error.issues);
    throw new AppError("validation_failed", refusalMessage(fields), fields);
  }
  return result.data;
}

export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  return parseWith(schema, await readJson(request));
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  refuseUnsafe(params);
  return parseWith(schema, params);
}

export async function parseFormBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  return parseWith(schema, await readForm(request));
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
