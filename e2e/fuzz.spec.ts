// Property-based fuzzing of the JSON API over real HTTP, against the production build and its
// PostgreSQL. fast-check generates malformed requests (wrong types, huge strings, unicode with NUL,
// unpaired surrogates and right-to-left marks, prototype keys, deep nesting, out-of-range numbers, bad
// dates, stale versions, non-JSON bodies, wrong content types, bad ids in the path) from valid ones by
// breaking one to three things at a time. Every request must be refused with a 4xx that names a broken
// field, never a 5xx, never a stack, and the database must be exactly as before (row counts and a hash
// of every row of patients, visits, addenda and audit events).
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import pg from "pg";
import { QUESTION_LIST } from "../lib/clinical/catalogue";
import { PATIENT_QUESTIONS, STAFF_ONLY_FIELDS } from "../lib/clinical/self-intake";
import { isoDayNumber } from "../lib/clinical/dates";
import { intakeInputArb } from "../lib/clinical/test-support/arbitraries";
import { INVISIBLE_OR_CONTROL } from "../lib/contracts/text";
import type { QuestionDef } from "../lib/clinical/types";
import { signInCookie } from "../lib/testing/http-session";
import { e2eDatabaseUrl } from "./server-info";
import { DEMO_PASSWORD, USERS } from "./support";

/** A field name that any rejection naming some field satisfies (whole-body problems). */
const ANY = "*";

interface TCase {
  kind: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  /** undefined: application/json; null: no content type at all */
  contentType?: string | null;
  body?: string | Uint8Array;
  status: readonly number[];
  /** the broken fields: the response must name at least one of them */
  fields: readonly string[];
  /** sent instead of the caller's session cookie */
  cookie?: string;
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const TODAY = new Date().toISOString().slice(0, 10);
const BATCH = 16;

// --- building blocks ------------------------------------------------------------------------------------------

const LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"];
const SPICE = [
  "\u202e", "\u200f", "\u200b", "\ufeff", "مرحبا", "שלום", "😀", "𝕏", "Z̤͔ͧ̑̓", "' OR 1=1 --", "<script>alert(1)</script>",
  "../../etc/passwd", "%00", "\r\n", "${7*7}", "{{7*7}}", "\\", "\"", "null", "undefined", "NaN", "-0", "1e309",
];
const PROTO_KEYS = ["__proto__", "constructor", "prototype", "__defineGetter__", "hasOwnProperty", "toString", "valueOf"];

const unicodeText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom(...SPICE),
);
/** Text PostgreSQL cannot store, or that is not text: NUL, unpaired surrogates. */
const unstorable = fc
  .tuple(unicodeText, fc.constantFrom("\u0000", ...LONE_SURROGATES), unicodeText)
  .map(([a, bad, b]) => a + bad + b);
const hugeText = fc
  .tuple(fc.integer({ min: 4_001, max: 40_000 }), fc.constantFrom("x", "é", "😀", "\u202e", "مرحبا "))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));
const anyText = fc.oneof(unicodeText, fc.string({ maxLength: 200 }), unstorable, hugeText);

/** Nested arrays/objects far deeper than any request of ours. */
const deepValue = fc.tuple(fc.integer({ min: 40, max: 2_000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = "leaf";
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});
const jsonThing = fc.oneof(fc.jsonValue({ maxDepth: 3 }), deepValue);
/** Any JSON value that is not a string. */
const notString = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), deepValue);
/** Any JSON value that is not a number. */
const notNumber = fc.oneof(fc.constantFrom("1", "", "0x10", "1e3", "NaN", "Infinity"), anyText, fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }), deepValue);
const outOfRangeInt = fc.oneof(
  fc.constantFrom(0, -1, -0, 0.5, 1.5, 2_147_483_648, 2 ** 53 + 2, -(2 ** 31), 1e308, -1e308, Number.MIN_VALUE, Number.EPSILON),
  fc.integer({ max: 0 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
);
const badDate = fc.oneof(
  fc.tuple(fc.integer({ min: 1901, max: 2099 }), fc.constantFrom("02-30", "02-31", "04-31", "06-31", "09-31", "11-31", "13-01", "00-10", "01-00", "01-32", "99-99")).map(([y, md]) => `${y}-${md}`),
  fc.integer({ min: 1901, max: 2099 }).filter((y) => y % 4 !== 0).map((y) => `${y}-02-29`),
  fc.constantFrom("1970-1-1", "01/02/1970", "1970-01-01T00:00:00Z", "19700101", " 1970-01-01", "1970-01-01 ", "+01970-01-01", "1970‐01‐01", "yesterday", "today", "", "0", "-1970-01-01"),
  fc.date({ noInvalidDate: true }).map((d) => d.toString()),
  unicodeText.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
  unstorable,
);
const futureDate = fc.integer({ min: 1, max: 3_000_000 }).map((days) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 864e5).toISOString().slice(0, 10)).filter((d) => d.length === 10);

const hasUnstorable = (s: string) => /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const validDay = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && isoDayNumber(v) !== null;

/** JSON text of an object, with own `__proto__`-style keys kept (an object literal would set the prototype). */
function withKeys(base: Record<string, unknown>, extra: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of extra) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

interface TMutation {
  field: string;
  /** undefined deletes the field */
  value: unknown;
}

/** Apply one to three mutations, each breaking a different field; the case must name one of them. */
function mutate(base: Record<string, unknown>, mutations: TMutation[]): { body: Record<string, unknown>; fields: string[] } {
  const seen = new Map<string, TMutation>();
  for (const m of mutations) seen.set(m.field, m);
  const body: Record<string, unknown> = { ...base };
  const extra: [string, unknown][] = [];
  for (const m of seen.values()) {
    if (m.value === undefined) delete body[m.field];
    else if (Object.hasOwn(body, m.field) || !PROTO_KEYS.includes(m.field)) body[m.field] = m.value;
    else extra.push([m.field, m.value]);
  }
  return { body: withKeys(body, extra), fields: [...seen.keys()] };
}

const mutations = (byField: fc.Arbitrary<TMutation>) => fc.array(byField, { minLength: 1, maxLength: 3 });
const unknownKey = (known: readonly string[]) =>
  fc.tuple(fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !known.includes(k) && !hasUnstorable(k))), jsonThing)
    .map(([field, value]): TMutation => ({ field, value }));

/** Whole-body problems, for any endpoint that takes a JSON body: none of them may reach the domain. */
function bodyLevel(method: "POST" | "PUT", path: string, validBody: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<TCase> {
  const c = (kind: string, body: string | Uint8Array, contentType: string | null | undefined, fields: string[]): TCase => ({
    kind, method, path, body, contentType, status: [400], fields,
  });
  return fc.oneof(
    fc.oneof(
      fc.constantFrom("{", '{"version":', "[1,]", "{'a':1}", "NaN", "undefined", '{"a":1}}', "\u0000", "", " ", "{}{}", "\ufeff{}", '{"a":1,}'),
      fc.string({ maxLength: 60 }),
      validBody.chain((b) => {
        const text = JSON.stringify(b);
        return fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((n) => text.slice(0, n));
      }),
    ).filter((t) => {
      try {
        // (a leading byte-order mark is dropped when the body is decoded, as the Fetch standard says)
        JSON.parse(t.replace(/^\ufeff/, ""));
        return false;
      } catch {
        return true;
      }
    }).map((t) => c("body: not JSON", t, undefined, ["(body)"])),
    fc.tuple(validBody, fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "text/json", "application/vnd.api+json", "text/html", null))
      .map(([b, type]) => c("body: wrong content type", JSON.stringify(b), type, ["(body)"])),
    fc.oneof(fc.array(fc.integer(), { maxLength: 4 }), fc.integer(), fc.string({ maxLength: 20 }).filter((s) => !hasUnstorable(s)), fc.constant(null), fc.boolean())
      .map((v) => c("body: not an object", JSON.stringify(v), undefined, ["(body)"])),
    fc.tuple(fc.integer({ min: 33, max: 100_000 }), fc.boolean()).map(([depth, arrays]) => {
      const body = arrays ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
      // Past 256 KB the size is refused first (413), before the body is read, let alone parsed.
      const deep = c("body: deep nesting", body, undefined, [ANY]);
      return Buffer.byteLength(body) > 256 * 1024 ? { ...deep, status: [413] } : deep;
    }),
    fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => c("body: raw bytes", bytes, undefined, [ANY])),
    validBody.map((b): TCase => ({ ...c("body: over 256 KB", JSON.stringify({ ...b, padding: "x".repeat(270_000) }), undefined, ["(body)"]), status: [413] })),
  );
}

/** Mostly field-level mutations, some whole-body problems, rarely an oversized body. */
function withBodyLevel(fieldCases: fc.Arbitrary<TCase>, method: "POST" | "PUT", path: string, validBody: fc.Arbitrary<Record<string, unknown>>) {
  return fc.oneof({ arbitrary: fieldCases, weight: 6 }, { arbitrary: bodyLevel(method, path, validBody), weight: 1 });
}

// --- endpoints --------------------------------------------------------------------------------------------

const PATIENT_FIELDS = ["mrn", "givenName", "familyName", "birthDate", "sex"];
const SEXES = ["female", "male", "other", "unknown"];
const validPatient = fc.record({
  mrn: fc.stringMatching(/^FZ-[A-Z0-9]{6,12}$/),
  givenName: fc.constantFrom("Ana", "Jürgen", "مريم", "Søren", "Łucja"),
  familyName: fc.constantFrom("O'Neill", "Nguyễn", "García-López", "Ng"),
  birthDate: fc.constantFrom("1950-03-04", "1988-12-31", "2000-02-29"),
  sex: fc.constantFrom(...SEXES),
});
const nameValid = (v: unknown) =>
  typeof v === "string" && !hasUnstorable(v) && v.trim().length >= 1 && v.trim().length <= 100 && !INVISIBLE_OR_CONTROL.test(v) && !/[<>]/.test(v);
const patientMutation: fc.Arbitrary<TMutation> = fc.oneof(
  fc.oneof(notString, anyText, fc.constantFrom("ab", "-ABC", "A B C", "ÀBC", "ABC_1", "x".repeat(33), "  ", "ABC\t"))
    .filter((v) => !(typeof v === "string" && !hasUnstorable(v) && /^[A-Z0-9][A-Z0-9-]{2,31}$/.test(v.trim().toUpperCase())))
    .map((value) => ({ field: "mrn", value })),
  fc.tuple(fc.constantFrom("givenName", "familyName"), fc.oneof(notString, anyText, fc.constantFrom("", "   ", "a<b", "a>b", "a\tb", "a\nb", "\u007f")))
    .filter(([, v]) => !nameValid(v))
    .map(([field, value]) => ({ field, value })),
  fc.oneof(badDate, futureDate, fc.constantFrom("1899-12-31", "0001-01-01", "1000-06-15"), notString)
    .map((value) => ({ field: "birthDate", value })),
  fc.oneof(fc.constantFrom("Female", "MALE", " male", "f", "m", "x", "unknown ", ""), anyText, notString)
    .filter((v) => !(typeof v === "string" && SEXES.includes(v)))
    .map((value) => ({ field: "sex", value })),
  fc.constantFrom(...PATIENT_FIELDS).map((field) => ({ field, value: undefined })),
  unknownKey(PATIENT_FIELDS),
);
const patientCases: fc.Arbitrary<TCase> = withBodyLevel(
  fc.tuple(validPatient, mutations(patientMutation)).map(([base, ms]) => {
    const { body, fields } = mutate(base, ms);
    return { kind: "field", method: "POST", path: "/api/v1/patients", body: JSON.stringify(body), status: [400], fields };
  }),
  "POST",
  "/api/v1/patients",
  validPatient,
);

// Draft answers: shape-checked only (out-of-range numbers are allowed in a draft), unknown keys dropped.
function draftBadAnswer(q: QuestionDef): fc.Arbitrary<unknown> {
  const objects = fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), deepValue);
  if (q.type === "boolean") return fc.oneof(fc.integer(), anyText, fc.array(fc.boolean(), { maxLength: 2 }), objects);
  if (q.type === "multi-enum") {
    return fc.oneof(anyText, fc.integer(), fc.boolean(), objects, fc.array(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), { minLength: 1, maxLength: 3 }), fc.array(unstorable, { minLength: 1, maxLength: 2 }));
  }
  if (q.type === "integer" || q.type === "number") return fc.oneof(fc.constantFrom("3", "", "1e3"), anyText.filter((s) => s !== ""), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }), objects);
  return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), objects, unstorable);
}
const answerQuestion = fc.constantFrom(...QUESTION_LIST);
/** Harmless extras in the answers (unknown keys, `constructor` and the like are dropped by the draft schema). */
const draftDecoration = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...PROTO_KEYS.filter((k) => k !== "__proto__")), fc.string({ minLength: 1, maxLength: 12 })), fc.jsonValue({ maxDepth: 2 }))
    .filter(([k, v]) => k !== "__proto__" && !QUESTION_LIST.some((q) => q.id === k) && !hasUnstorable(k) && !hasUnstorable(JSON.stringify(v)) && !JSON.stringify(v).includes('"__proto__"')),
  { maxLength: 2 },
);

function draftCases(path: () => string, version: () => number): fc.Arbitrary<TCase> {
  const validBody = fc.constant(null).map(() => ({ version: version(), answers: { pain_score_now: 3 } }));
  const answersMutation: fc.Arbitrary<TMutation> = fc.oneof(
    { weight: 9, arbitrary: answerQuestion.chain((q) => draftBadAnswer(q).map((value) => ({ field: q.id, value }))) },
    // An own `__proto__` key would become the prototype of a copied object, smuggling answers in as inherited properties.
    { weight: 1, arbitrary: fc.oneof(jsonThing, fc.record({ pain_score_now: fc.integer({ min: 0, max: 10 }), saddle_anesthesia: fc.boolean() })).map((value) => ({ field: "__proto__", value })) },
  );
  const bodyMutation: fc.Arbitrary<TMutation> = fc.oneof(
    fc.oneof(notNumber, outOfRangeInt).map((value) => ({ field: "version", value })),
    fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), anyText, fc.integer(), fc.boolean(), fc.constant(null)).map((value) => ({ field: "answers", value })),
    fc.constantFrom("version", "answers").map((field) => ({ field, value: undefined })),
    unknownKey(["version", "answers"]),
  );
  const inAnswers = fc.tuple(mutations(answersMutation), draftDecoration).map(([ms, extras]): TCase => {
    const { body: answers, fields } = mutate({ pain_score_now: 3, sex: "female" }, ms);
    return { kind: "answer", method: "PUT", path: path(), body: JSON.stringify({ version: version(), answers: withKeys(answers, extras) }), status: [400], fields };
  });
  const inBody = mutations(bodyMutation).map((ms): TCase => {
    const { body, fields } = mutate({ version: version(), answers: { pain_score_now: 3 } }, ms);
    return { kind: "field", method: "PUT", path: path(), body: JSON.stringify(body), status: [400], fields };
  });
  const stale = fc.integer({ min: 1, max: 2_147_483_647 }).filter((v) => v !== version()).map((v): TCase => ({
    kind: "stale version", method: "PUT", path: path(), body: JSON.stringify({ version: v, answers: { pain_score_now: 3 } }), status: [409], fields: ["version"],
  }));
  return withBodyLevel(fc.oneof({ arbitrary: inAnswers, weight: 3 }, { arbitrary: inBody, weight: 2 }, { arbitrary: stale, weight: 1 }), "PUT", path(), validBody);
}

// Submitted answers: the full clinical validation (ranges, options, dates, lengths, unknown fields).
function submitBadAnswer(q: QuestionDef): fc.Arbitrary<unknown> {
  const objects = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 3 });
  const common = [fc.boolean().filter(() => q.type !== "boolean"), objects, deepValue, unstorable];
  switch (q.type) {
    case "boolean":
      return fc.oneof(fc.integer(), fc.constantFrom("true", "false", "yes", "no", "1", "0"), fc.array(fc.boolean(), { minLength: 1, maxLength: 2 }), objects, unstorable);
    case "enum": {
      const values = q.options.map((o) => o.value);
      return fc.oneof(anyText.filter((s) => s !== "" && !values.includes(s)), fc.constantFrom(...values.map((v) => v.toUpperCase() + " ")), fc.integer(), fc.array(fc.constantFrom(...values), { minLength: 1, maxLength: 2 }), ...common);
    }
    case "multi-enum": {
      const values = q.options.map((o) => o.value);
      const others = values.filter((v) => v !== q.exclusive);
      const bad = [
        anyText.filter((s) => s !== ""),
        fc.integer(),
        objects,
        unstorable,
        fc.tuple(fc.array(fc.constantFrom(...values), { maxLength: 2 }), fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !values.includes(s))).map(([ok, wrong]) => [...ok, wrong]),
        fc.constantFrom(...values).map((v) => [v, v]),
      ];
      if (q.exclusive && others.length) bad.push(fc.constantFrom(...others).map((v) => [q.exclusive!, v]));
      return fc.oneof(...bad);
    }
    case "integer":
    case "number":
      return fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x < q.min || x > q.max || (q.type === "integer" && !Number.isInteger(x))),
        fc.constantFrom(q.min - 1, q.max + 1, q.max * 1e6, -1e308, 1e308),
        fc.constantFrom(String(q.min), "5", "1e3"),
        ...common,
      );
    case "date":
      return fc.oneof(badDate.filter((s) => s !== ""), futureDate, fc.integer(), objects);
    case "text":
      return fc.oneof(fc.integer({ min: q.maxLength + 1, max: q.maxLength + 5_000 }).map((n) => "é".repeat(n)), fc.integer(), fc.array(fc.string(), { minLength: 1, maxLength: 2 }), objects, deepValue, unstorable);
  }
}

function submitCases(path: () => string, version: () => number): fc.Arbitrary<TCase> {
  const intake = intakeInputArb(TODAY);
  const validBody = intake.map((answers) => ({ version: version(), answers }));
  const answerMutation: fc.Arbitrary<TMutation> = fc.oneof(
    { arbitrary: answerQuestion.chain((q) => submitBadAnswer(q).map((value) => ({ field: q.id, value }))), weight: 5 },
    { arbitrary: unknownKey(QUESTION_LIST.map((q) => q.id)), weight: 1 },
  );
  const inAnswers = fc.tuple(intake, mutations(answerMutation)).map(([base, ms]): TCase => {
    const { body: answers, fields } = mutate(base, ms);
    // A future visit date also makes the onset date's check relative to it: either may be named.
    const named = fields.includes("visit_date") ? [...fields, "onset_date"] : fields;
    return { kind: "answer", method: "POST", path: path(), body: JSON.stringify({ version: version(), answers }), status: [400, 422], fields: named };
  });
  const bodyMutation: fc.Arbitrary<TMutation> = fc.oneof(
    fc.oneof(notNumber, outOfRangeInt).map((value) => ({ field: "version", value })),
    fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), anyText, fc.integer(), fc.boolean(), fc.constant(null)).map((value) => ({ field: "answers", value })),
    fc.constant({ field: "version", value: undefined }),
    unknownKey(["version", "answers"]),
  );
  const inBody = fc.tuple(intake, mutations(bodyMutation)).map(([answers, ms]): TCase => {
    const { body, fields } = mutate({ version: version(), answers }, ms);
    return { kind: "field", method: "POST", path: path(), body: JSON.stringify(body), status: [400], fields };
  });
  const stale = fc.tuple(fc.integer({ min: 1, max: 2_147_483_647 }).filter((v) => v !== version()), intake).map(([v, answers]): TCase => ({
    kind: "stale version", method: "POST", path: path(), body: JSON.stringify({ version: v, answers }), status: [409], fields: ["version"],
  }));
  return withBodyLevel(fc.oneof({ arbitrary: inAnswers, weight: 4 }, { arbitrary: inBody, weight: 2 }, { arbitrary: stale, weight: 1 }), "POST", path(), validBody);
}

// The review queue's query string (and the patient list's, which shares the pitfalls). A search text (q) in
// either is refused whatever it holds: it goes in a POST body (below).
const QUEUE_ENUMS: Record<string, readonly string[]> = {
  status: ["SUBMITTED", "SIGNED", "ALL"],
  urgency: ["emergency", "urgent", "routine_soon", "none"],
  imaging: ["none", "xray", "ct", "mri"],
  sort: ["urgency", "submittedAt", "patient", "mrn", "age"],
  dir: ["asc", "desc"],
};
const queryText = fc.oneof(fc.string({ maxLength: 20 }), unicodeText, fc.constantFrom("", " ", "%", "&", "=", "+", "#", "a\u0000", "\u0000"));
const wholeNumberIn = (v: string, ok: (n: number) => boolean) => {
  const n = Number(v);
  return Number.isInteger(n) && ok(n);
};
const pageValue = fc.oneof(queryText, fc.constantFrom("0", "-1", "1.5", "1e400", "10001", "99999999999999999999", "Infinity", "NaN", "0x10", " ", ""), fc.integer().map(String));
const queueMutation: fc.Arbitrary<TMutation> = fc.oneof(
  fc.constantFrom(...Object.keys(QUEUE_ENUMS)).chain((field) =>
    fc.oneof(queryText, fc.constantFrom(...QUEUE_ENUMS[field]!.map((v) => v.toUpperCase() === v ? v.toLowerCase() : v.toUpperCase())))
      .filter((v) => !QUEUE_ENUMS[field]!.includes(v))
      .map((value) => ({ field, value })),
  ),
  fc.oneof(queryText, fc.constantFrom("RF-CES-01'", "rf-ces-01", "RF-", "RF-CES-01-02-03-04", "' OR 1=1 --"))
    .filter((v) => !/^[A-Z]{2,4}(-[A-Z0-9]{1,8}){1,3}$/.test(v))
    .map((value) => ({ field: "flag", value })),
  // (kept under Node's 16 KB limit for the request line: "é" is 6 characters once encoded)
  // Any q at all, even a harmless or empty one: the search text is refused in a URL.
  fc.oneof(fc.integer({ min: 101, max: 1_500 }).map((n) => "é".repeat(n)), queryText.map((s) => `${s}\u0000${s}`), queryText, fc.constantFrom("smith", "MRN-100001", "")).map((value) => ({ field: "q", value })),
  fc.tuple(fc.constantFrom("from", "to"), fc.oneof(badDate.filter((d) => !hasUnstorable(d) || d.includes("\u0000")), fc.constantFrom("0000-01-01", "1899-12-31", "0001-01-01")))
    .filter(([, v]) => !(validDay(v) && v >= "1900-01-01"))
    .map(([field, value]) => ({ field, value })),
  pageValue.filter((v) => !wholeNumberIn(v, (n) => n >= 1 && n <= 10_000)).map((value) => ({ field: "page", value })),
  pageValue.filter((v) => !wholeNumberIn(v, (n) => [25, 50, 100].includes(n))).map((value) => ({ field: "pageSize", value })),
);
/** Parameters the queue ignores: harmless next to a broken one. */
const queryDecoration = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ minLength: 1, maxLength: 10 })), fc.string({ maxLength: 10 }))
    // (nor any spelling of q: "Q", "q[]", "q.x" are refused like q itself)
    .filter(([k, v]) => !(k in QUEUE_ENUMS) && !["flag", "q", "from", "to", "page", "pageSize"].includes(k) && k.toLowerCase().trim().split(/[[.]/)[0]!.trim() !== "q" && !k.includes("\u0000") && !v.includes("\u0000")),
  { maxLength: 3 },
);
const toQuery = (pairs: [string, string][]) => {
  const params = new URLSearchParams();
  for (const [k, v] of pairs) params.append(k, v);
  return params.toString();
};
const queueCases: fc.Arbitrary<TCase> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(mutations(queueMutation), queryDecoration).map(([ms, extras]): TCase => {
    const last = new Map(ms.map((m) => [m.field, String(m.value)]));
    return { kind: "query", method: "GET", path: `/api/v1/visits?${toQuery([...extras, ...last])}`, status: [400], fields: [...last.keys()] };
  }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 3_000 })).map(([fromBack, gap]): TCase => {
    const day = (back: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - back * 864e5).toISOString().slice(0, 10);
    return { kind: "query: from after to", method: "GET", path: `/api/v1/visits?from=${day(fromBack)}&to=${day(fromBack + gap)}`, status: [400], fields: ["to"] };
  }) },
);
const searchCases: fc.Arbitrary<TCase> = fc.oneof(
  fc.oneof(fc.integer({ min: 101, max: 1_500 }).map((n) => "é".repeat(n)), queryText.map((s) => `${s}\u0000`), queryText, fc.constantFrom("garcia", "")).map((value) => ({ field: "q", value })),
  pageValue.filter((v) => !wholeNumberIn(v, (n) => n >= 1 && n <= 100_000)).map((value) => ({ field: "page", value })),
  pageValue.filter((v) => !wholeNumberIn(v, (n) => [10, 25, 50, 100].includes(n))).map((value) => ({ field: "pageSize", value })),
).map((m): TCase => ({ kind: "query", method: "GET", path: `/api/v1/patients?${toQuery([[m.field, String(m.value)]])}`, status: [400], fields: [m.field] }));

// Decision and sign-off, on a submitted visit.
const ACTIONS = ["accept", "override"];
const MODALITIES = ["none", "xray", "ct", "mri"];
const REASONS = ["clinical_examination", "already_imaged", "contraindication", "patient_preference", "clinical_judgement", "other"];
const DECISION_KEYS = ["version", "action", "modality", "reasonCode", "reasonText", "note"];
const badEnum = (values: readonly string[]) =>
  fc.oneof(anyText, notString.filter((v) => v !== undefined), fc.constantFrom(...values.map((v) => v.toUpperCase())), fc.constantFrom(...values.map((v) => ` ${v}`))).filter((v) => !(typeof v === "string" && values.includes(v)));
const badText = (max: number) =>
  fc.oneof(notString, unstorable, fc.integer({ min: max + 1, max: max + 3_000 }).map((n) => "ab".repeat(Math.ceil(n / 2))));

function decisionCases(path: () => string, version: () => number, suggested: () => string): fc.Arbitrary<TCase> {
  const validBody = fc.constant(null).map(() => ({ version: version(), action: "accept" }));
  const fieldMutation: fc.Arbitrary<TMutation> = fc.oneof(
    fc.oneof(notNumber, outOfRangeInt, fc.constant(undefined)).map((value) => ({ field: "version", value })),
    fc.oneof(badEnum(ACTIONS), fc.constant(undefined)).map((value) => ({ field: "action", value })),
    badEnum(MODALITIES).map((value) => ({ field: "modality", value })),
    badEnum(REASONS).map((value) => ({ field: "reasonCode", value })),
    badText(2_000).map((value) => ({ field: "reasonText", value })),
    badText(4_000).map((value) => ({ field: "note", value })),
    unknownKey(DECISION_KEYS),
  );
  const shape = fc.tuple(fc.constantFrom<Record<string, unknown>>({ action: "accept" }, { action: "override", modality: "mri", reasonCode: "clinical_judgement" }), mutations(fieldMutation))
    .map(([base, ms]): TCase => {
      const { body, fields } = mutate({ version: version(), ...base }, ms);
      return { kind: "field", method: "POST", path: path(), body: JSON.stringify(body), status: [400], fields };
    });
  // Well-formed, but the combination is not a decision.
  const combos = fc.oneof(
    fc.constantFrom(...MODALITIES).map((m) => ({ body: { action: "accept", modality: m }, field: "modality" })),
    fc.constantFrom(...REASONS).map((r) => ({ body: { action: "accept", reasonCode: r }, field: "reasonCode" })),
    fc.constantFrom(...REASONS).map((r) => ({ body: { action: "override", reasonCode: r }, field: "modality" })),
    fc.constantFrom(...MODALITIES).map((m) => ({ body: { action: "override", modality: m }, field: "reasonCode" })),
    fc.constantFrom(...MODALITIES).map((m) => ({ body: { action: "override", modality: m, reasonCode: "other" }, field: "reasonText" })),
    fc.constant(null).map(() => ({ body: { action: "override", modality: suggested(), reasonCode: "clinical_judgement" }, field: "modality" })),
  ).map(({ body, field }): TCase => ({ kind: "decision: bad combination", method: "POST", path: path(), body: JSON.stringify({ version: version(), ...body }), status: [400], fields: [field] }));
  const stale = fc.integer({ min: 1, max: 2_147_483_647 }).filter((v) => v !== version()).map((v): TCase => ({
    kind: "stale version", method: "POST", path: path(), body: JSON.stringify({ version: v, action: "accept" }), status: [409], fields: ["version"],
  }));
  return withBodyLevel(fc.oneof({ arbitrary: shape, weight: 4 }, { arbitrary: combos, weight: 1 }, { arbitrary: stale, weight: 1 }), "POST", path(), validBody);
}

function signCases(path: () => string, version: () => number): fc.Arbitrary<TCase> {
  // acknowledgeProvisional is optional (needed only for a provisional result), so valid bodies come with and without it.
  const validBody = fc.option(fc.boolean(), { nil: undefined }).map((ack) => ({ version: version(), ...(ack === undefined ? {} : { acknowledgeProvisional: ack }) }));
  const notBoolean = fc.oneof(fc.constantFrom("true", "false", "", "yes", 0, 1), fc.integer(), anyText, fc.constant(null), fc.array(fc.boolean(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.boolean(), { maxKeys: 2 }), deepValue);
  const fieldMutation: fc.Arbitrary<TMutation> = fc.oneof(
    fc.oneof(notNumber, outOfRangeInt, fc.constant(undefined)).map((value) => ({ field: "version", value })),
    notBoolean.map((value) => ({ field: "acknowledgeProvisional", value })),
    unknownKey(["version", "acknowledgeProvisional", "provisionalReason"]),
  );
  const shape = mutations(fieldMutation).map((ms): TCase => {
    const { body, fields } = mutate({ version: version() }, ms);
    return { kind: "field", method: "POST", path: path(), body: JSON.stringify(body), status: [400], fields };
  });
  const stale = fc.integer({ min: 1, max: 2_147_483_647 }).filter((v) => v !== version()).map((v): TCase => ({
    kind: "stale version", method: "POST", path: path(), body: JSON.stringify({ version: v }), status: [409], fields: ["version"],
  }));
  // Well-formed and current (with or without the acknowledgement), but nothing was decided yet: refused, naming
  // the missing decision (checked before the acknowledgement).
  const undecided = validBody.map((body): TCase => ({ kind: "sign: no decision", method: "POST", path: path(), body: JSON.stringify(body), status: [422], fields: ["decision"] }));
  return withBodyLevel(fc.oneof({ arbitrary: shape, weight: 4 }, { arbitrary: stale, weight: 1 }, { arbitrary: undecided, weight: 1 }), "POST", path(), validBody);
}

// The searches as JSON bodies (POST /visits/search, POST /patients/search, and the CSV export's JSON form): the
// search text travels only there. The same fields as the query strings, typed: numbers must be JSON numbers,
// unknown fields are named, every field is optional (so nothing is broken by leaving one out).
const QUEUE_BODY_KEYS = [...Object.keys(QUEUE_ENUMS), "flag", "q", "from", "to", "page", "pageSize"];
const validQueueBody = fc.record(
  {
    status: fc.constantFrom(...QUEUE_ENUMS.status!),
    urgency: fc.constantFrom(...QUEUE_ENUMS.urgency!),
    imaging: fc.constantFrom(...QUEUE_ENUMS.imaging!),
    flag: fc.constantFrom("RF-CES-01", "RF-INF-01"),
    q: fc.constantFrom("", "smith", "MRN-100001", "Øster-Ørnsø", "Zoë  Ng"),
    sort: fc.constantFrom(...QUEUE_ENUMS.sort!),
    dir: fc.constantFrom(...QUEUE_ENUMS.dir!),
    page: fc.integer({ min: 1, max: 10_000 }),
    pageSize: fc.constantFrom(25, 50, 100),
  },
  { requiredKeys: [] },
);
/** Text the search refuses: not text, over 100 characters once trimmed, or not storable. */
const badSearchText = fc.oneof(notString, fc.integer({ min: 101, max: 3_000 }).map((n) => ` ${"é".repeat(n)} `), unstorable);
const queueBodyMutation: fc.Arbitrary<TMutation> = fc.oneof(
  fc.constantFrom(...Object.keys(QUEUE_ENUMS)).chain((field) => badEnum(QUEUE_ENUMS[field]!).map((value) => ({ field, value }))),
  fc.oneof(notString, anyText, fc.constantFrom("RF-CES-01'", "rf-ces-01", "RF-", "RF-CES-01-02-03-04", " RF-CES-01"))
    .filter((v) => !(typeof v === "string" && /^[A-Z]{2,4}(-[A-Z0-9]{1,8}){1,3}$/.test(v)))
    .map((value) => ({ field: "flag", value })),
  badSearchText.map((value) => ({ field: "q", value })),
  fc.tuple(fc.constantFrom("from", "to"), fc.oneof(badDate, notString, fc.constantFrom("0000-01-01", "1899-12-31", "0001-01-01")))
    .filter(([, v]) => !(validDay(v) && v >= "1900-01-01"))
    .map(([field, value]) => ({ field, value })),
  fc.oneof(notNumber, outOfRangeInt, fc.integer({ min: 10_001 })).map((value) => ({ field: "page", value })),
  fc.oneof(notNumber, fc.integer().filter((n) => ![25, 50, 100].includes(n)), fc.constantFrom(25.5, "25", 10)).map((value) => ({ field: "pageSize", value })),
  unknownKey(QUEUE_BODY_KEYS),
);
function queueBodyFields(path: string): fc.Arbitrary<TCase> {
  const broken = fc.tuple(validQueueBody, mutations(queueBodyMutation)).map(([base, ms]): TCase => {
    const { body, fields } = mutate(base, ms);
    return { kind: "field", method: "POST", path, body: JSON.stringify(body), status: [400], fields };
  });
  const datesReversed = fc.tuple(validQueueBody, fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 3_000 })).map(([base, fromBack, gap]): TCase => {
    const day = (back: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - back * 864e5).toISOString().slice(0, 10);
    return { kind: "body: from after to", method: "POST", path, body: JSON.stringify({ ...base, from: day(fromBack), to: day(fromBack + gap) }), status: [400], fields: ["to"] };
  });
  return fc.oneof({ arbitrary: broken, weight: 5 }, { arbitrary: datesReversed, weight: 1 });
}
const queueSearchCases = withBodyLevel(queueBodyFields("/api/v1/visits/search"), "POST", "/api/v1/visits/search", validQueueBody);
// The export also takes HTML form posts, so a JSON text sent as a form is a valid (empty) view there: only the
// field-level JSON cases apply.
const exportBodyCases = queueBodyFields("/api/v1/visits/export.csv");

const PATIENT_SEARCH_KEYS = ["q", "page", "pageSize"];
const validPatientSearch = fc.record(
  { q: fc.constantFrom("", "garcia", "MRN-100001", "Ørnsø"), page: fc.integer({ min: 1, max: 100_000 }), pageSize: fc.constantFrom(10, 25, 50, 100) },
  { requiredKeys: [] },
);
const patientSearchMutation: fc.Arbitrary<TMutation> = fc.oneof(
  badSearchText.map((value) => ({ field: "q", value })),
  fc.oneof(notNumber, outOfRangeInt, fc.integer({ min: 100_001 })).map((value) => ({ field: "page", value })),
  fc.oneof(notNumber, fc.integer().filter((n) => ![10, 25, 50, 100].includes(n)), fc.constantFrom(10.5, "10")).map((value) => ({ field: "pageSize", value })),
  unknownKey(PATIENT_SEARCH_KEYS),
);
const patientSearchCases = withBodyLevel(
  fc.tuple(validPatientSearch, mutations(patientSearchMutation)).map(([base, ms]): TCase => {
    const { body, fields } = mutate(base, ms);
    return { kind: "field", method: "POST", path: "/api/v1/patients/search", body: JSON.stringify(body), status: [400], fields };
  }),
  "POST",
  "/api/v1/patients/search",
  validPatientSearch,
);

// Ids in the path: never a UUID of an existing visit, so nothing can match. Ids such as "." or "%2e%2e" are
// resolved away by the URL parser and land on another route (405) or its trailing-slash redirect (308).
const badId = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 60 }).map(encodeURIComponent),
  fc.uuid().map((u) => u.toUpperCase().replace(/[A-F]/, "G")),
  fc.uuid().map((u) => `${u}x`),
  fc.uuid().map((u) => u.replace(/-/g, "")),
  fc.uuid(), // well-formed, but no such visit
  fc.constantFrom("%E0%A4%A", "%", "%ZZ", "%C0%AF", "%ED%A0%80", "%00", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "00000000-0000-0000-0000-000000000000", "null", "undefined", "1", "-1", "' OR '1'='1"),
  fc.integer({ min: 500, max: 3_000 }).map((n) => "a".repeat(n)),
);
function pathCases(validVisitBodies: { answers: () => string; submit: () => string; decision: () => string; sign: () => string }): fc.Arbitrary<TCase> {
  const bodyActions = fc.tuple(badId, fc.constantFrom("answers", "submit", "decision", "sign", "")).map(([id, action]): TCase => {
    const method = action === "" ? "GET" : action === "answers" ? "PUT" : "POST";
    const body = action === "" ? undefined : validVisitBodies[action as "answers"]();
    return { kind: "path: bad id", method, path: `/api/v1/visits/${id}${action ? `/${action}` : ""}`, body, status: [308, 400, 404, 405], fields: [] };
  });
  // The patient's link for a visit that is not there: neither made nor revoked.
  const links = fc.tuple(badId, fc.constantFrom("POST" as const, "DELETE" as const)).map(([id, method]): TCase => ({
    kind: "path: bad id", method, path: `/api/v1/visits/${id}/self-intake-link`, body: method === "POST" ? "{}" : undefined, status: [308, 400, 404, 405], fields: [],
  }));
  return fc.oneof({ arbitrary: bodyActions, weight: 5 }, { arbitrary: links, weight: 1 });
}

// --- the patient's own API (issue 19) ----------------------------------------------------------------------
// The link's token and birth date open a device session; the session saves and finishes the patient's answers.
// Nothing malformed may count as a wrong birth date, save an answer, or finish: every case is refused before.

const LANGUAGES = ["en", "es"];
const OPEN_KEYS = ["token", "birthDate", "language"];
const goodToken = fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), minLength: 43, maxLength: 43 });
function openCases(token: () => string, birthDate: () => string): fc.Arbitrary<TCase> {
  const path = "/api/v1/self-intake/open";
  const validBody = fc.constantFrom(...LANGUAGES).map((language) => ({ token: token(), birthDate: birthDate(), language }));
  const fieldMutation: fc.Arbitrary<TMutation> = fc.oneof(
    fc.oneof(notString, fc.string({ maxLength: 19 }), fc.integer({ min: 101, max: 3_000 }).map((n) => "A".repeat(n)), fc.constant(undefined)).map((value) => ({ field: "token", value })),
    fc.oneof(badDate, notString, fc.constant(undefined)).filter((v) => !validDay(v)).map((value) => ({ field: "birthDate", value })),
    fc.oneof(badEnum(LANGUAGES), fc.constant(undefined)).map((value) => ({ field: "language", value })),
    unknownKey(OPEN_KEYS),
  );
  const shape = mutations(fieldMutation).map((ms): TCase => {
    const { body, fields } = mutate({ token: token(), birthDate: birthDate(), language: "es" }, ms);
    return { kind: "field", method: "POST", path, body: JSON.stringify(body), status: [400], fields };
  });
  // Well-formed, but no link has this token: the desk page's 404, naming the token, and no try counted anywhere.
  const unknown = fc.tuple(goodToken.filter((t) => t !== token()), fc.constantFrom(...LANGUAGES)).map(([t, language]): TCase => ({
    kind: "open: no such link", method: "POST", path, body: JSON.stringify({ token: t, birthDate: birthDate(), language }), status: [404], fields: ["token"],
  }));
  return withBodyLevel(fc.oneof({ arbitrary: shape, weight: 4 }, { arbitrary: unknown, weight: 1 }), "POST", path, validBody);
}

const SAVE_KEYS = ["version", "answers", "language"];
const patientQuestion = fc.constantFrom(...PATIENT_QUESTIONS);
function patientSaveCases(method: "PUT" | "POST", path: string, version: () => number): fc.Arbitrary<TCase> {
  const validBody = fc.constant(null).map(() => ({ version: version(), answers: { pain_score_now: 3 }, language: "es" }));
  const answersMutation: fc.Arbitrary<TMutation> = fc.oneof(
    { weight: 8, arbitrary: patientQuestion.chain((q) => draftBadAnswer(q).map((value) => ({ field: q.id, value }))) },
    // The staff's questions, with any value, valid ones included: refused by name.
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...STAFF_ONLY_FIELDS), fc.oneof(fc.constantFrom("major", "minor", "none", TODAY, "high"), jsonThing)).map(([field, value]) => ({ field, value })) },
  );
  const bodyMutation: fc.Arbitrary<TMutation> = fc.oneof(
    fc.oneof(notNumber, outOfRangeInt).map((value) => ({ field: "version", value })),
    fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), anyText, fc.integer(), fc.boolean(), fc.constant(null)).map((value) => ({ field: "answers", value })),
    badEnum(LANGUAGES).map((value) => ({ field: "language", value })),
    fc.constantFrom("version", "answers").map((field) => ({ field, value: undefined })),
    unknownKey(SAVE_KEYS),
  );
  const inAnswers = fc.tuple(mutations(answersMutation), draftDecoration).map(([ms, extras]): TCase => {
    const { body: answers, fields } = mutate({ pain_score_now: 3, sex: "female" }, ms);
    return { kind: "answer", method, path, body: JSON.stringify({ version: version(), answers: withKeys(answers, extras) }), status: [400], fields };
  });
  const inBody = mutations(bodyMutation).map((ms): TCase => {
    const { body, fields } = mutate({ version: version(), answers: { pain_score_now: 3 } }, ms);
    return { kind: "field", method, path, body: JSON.stringify(body), status: [400], fields };
  });
  const stale = fc.integer({ min: 1, max: 2_147_483_647 }).filter((v) => v !== version()).map((v): TCase => ({
    kind: "stale version", method, path, body: JSON.stringify({ version: v, answers: { pain_score_now: 3 } }), status: [409], fields: ["version"],
  }));
  return withBodyLevel(fc.oneof({ arbitrary: inAnswers, weight: 3 }, { arbitrary: inBody, weight: 2 }, { arbitrary: stale, weight: 1 }), method, path, validBody);
}

// --- the run ----------------------------------------------------------------------------------------------

const histogram = new Map<string, Map<number, number>>();
let sent = 0;

function record(endpoint: string, status: number) {
  sent += 1;
  const h = histogram.get(endpoint) ?? new Map<number, number>();
  h.set(status, (h.get(status) ?? 0) + 1);
  histogram.set(endpoint, h);
}

/** Does the named field (as the server reports it) point at this broken field? Answers may be named with or without "answers.". */
const names = (named: string, broken: string) =>
  [named, named.replace(/^answers\./, "")].some((n) => n === broken || n.startsWith(`${broken}.`));
const truncate = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

test.describe.configure({ mode: "serial" });

test.describe("API fuzzing", () => {
  let baseURL: string;
  let cookies: { staff: string; doctor: string; patient: string; nobody: string };
  let database: pg.Client;
  const visit = { draft: "", draftVersion: 0, submitDraft: "", submitDraftVersion: 0, submitted: "", submittedVersion: 0, suggested: "" };
  /** a working self-intake link, its patient's birth date, and the answers' version behind its device session */
  const selfIntake = { token: "", birthDate: "1970-01-01", version: 0 };
  type TWho = keyof typeof cookies;

  async function send(endpoint: string, who: TWho, c: TCase): Promise<string | null> {
    const cookie = c.cookie ?? cookies[who];
    const headers: Record<string, string> = cookie ? { cookie } : {};
    if (c.body !== undefined && c.contentType !== null) headers["content-type"] = c.contentType ?? "application/json";
    // A string body would get "text/plain" from fetch: bytes go out with no content type at all.
    const body = c.contentType === null && typeof c.body === "string" ? new TextEncoder().encode(c.body) : c.body;
    let status = 0;
    let text = "";
    try {
      const res = await fetch(`${baseURL}${c.path}`, { method: c.method, headers, body: body as BodyInit | undefined, redirect: "manual", signal: AbortSignal.timeout(15_000) });
      status = res.status;
      text = await res.text();
    } catch (error) {
      return `${c.kind}: request failed (${String(error)})`;
    }
    record(endpoint, status);
    const problem = (why: string) =>
      `${endpoint} ${c.kind} (broken: ${JSON.stringify(c.fields)}): ${why}\n  ${c.method} ${truncate(c.path, 200)}\n  body: ${truncate(typeof c.body === "string" ? JSON.stringify(c.body) : String(c.body))}\n  response ${status}: ${truncate(text)}`;
    if (status >= 500) return problem("server error");
    if (!c.status.includes(status)) return problem(`expected status ${c.status.join(" or ")}`);
    if (/\n\s+at |node_modules|\.tsx?:\d+/.test(text)) return problem("stack trace or source path in the response");
    if (c.fields.length === 0) return null;
    let named: string[];
    try {
      named = ((JSON.parse(text) as { error: { fields?: { field: string }[] } }).error.fields ?? []).map((f) => f.field);
    } catch {
      return problem("not a JSON error body");
    }
    if (named.length === 0) return problem("no field named");
    if (c.fields.includes(ANY)) return null;
    const ok = c.fields.some((f) => named.some((n) => names(n, f)));
    return ok ? null : problem(`names ${JSON.stringify(named)}, none of the broken fields ${JSON.stringify(c.fields)}`);
  }

  async function fuzz(endpoint: string, who: TWho, cases: fc.Arbitrary<TCase>, total: number) {
    const before = await snapshot();
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.array(cases, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const problems = (await Promise.all(batch.map((c) => send(endpoint, who, c)))).filter((p): p is string => p !== null);
        if (problems.length) throw new Error(`${problems.length} of ${batch.length} requests misbehaved; first:\n${problems[0]}`);
      }),
      {
        numRuns: Math.ceil(total / BATCH),
        seed: SEED,
        endOnFailure: true,
        // The default report prints the whole batch (bodies of 270 KB): say only what went wrong.
        reporter: (run) => {
          if (run.failed) throw new Error(`fuzz ${endpoint} failed (seed ${run.seed}, path ${run.counterexamplePath}): ${String((run.errorInstance as Error | undefined)?.message)}`);
        },
      },
    );
    const after = await snapshot();
    expect(after, "the database changed: something was written").toEqual(before);
    const h = [...(histogram.get(endpoint) ?? new Map<number, number>())].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(", ");
    console.log(`fuzz ${endpoint}: ${[...(histogram.get(endpoint)?.values() ?? [])].reduce((a, b) => a + b, 0)} requests in ${((performance.now() - started) / 1000).toFixed(1)} s; statuses ${h}; rows unchanged`);
  }

  async function snapshot(): Promise<Record<string, { n: number; hash: string }>> {
    const out: Record<string, { n: number; hash: string }> = {};
    for (const table of ["patients", "visits", "addenda", "audit_events", "self_intake_links", "events", "alerts"]) {
      const r = await database.query<{ n: number; hash: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM ${table} t`);
      out[table] = r.rows[0]!;
    }
    return out;
  }

  test.beforeAll(async ({ baseURL: url }) => {
    baseURL = url!;
    cookies = {
      staff: await signInCookie(baseURL, USERS.staff, DEMO_PASSWORD),
      doctor: await signInCookie(baseURL, USERS.doctor, DEMO_PASSWORD),
      patient: "",
      nobody: "",
    };
    database = new pg.Client({ connectionString: e2eDatabaseUrl() });
    await database.connect();
    const call = async (path: string, body: unknown, method = "POST") => {
      const res = await fetch(`${baseURL}${path}`, { method, headers: { cookie: cookies.staff, "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
      return (await res.json()) as Record<string, unknown>;
    };
    const patient = await call("/api/v1/patients", { mrn: `FUZZ-${Date.now().toString(36).toUpperCase()}`, givenName: "Fuzz", familyName: "Target", birthDate: "1970-01-01", sex: "female" });
    const draft = await call("/api/v1/visits", { patientId: patient.id });
    const submitDraft = await call("/api/v1/visits", { patientId: patient.id });
    const toSubmit = await call("/api/v1/visits", { patientId: patient.id });
    const submitted = await call(`/api/v1/visits/${toSubmit.id}/submit`, {
      version: toSubmit.version,
      answers: fc.sample(intakeInputArb(TODAY, { blankWeight: 0 }), { numRuns: 1, seed: SEED })[0],
    });
    // A patient's device session on a link for a fourth visit (the open is the only call that sets the cookie).
    const forPatient = await call("/api/v1/visits", { patientId: patient.id });
    const link = await call(`/api/v1/visits/${forPatient.id}/self-intake-link`, {});
    selfIntake.token = new URL(link.url as string).pathname.split("/").at(-1)!;
    const opened = await fetch(`${baseURL}/api/v1/self-intake/open`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: selfIntake.token, birthDate: selfIntake.birthDate, language: "es" }),
    });
    expect(opened.status).toBe(200);
    cookies.patient = opened.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");
    expect(cookies.patient).toMatch(/backline-self-intake=/);
    const own = await fetch(`${baseURL}/api/v1/self-intake`, { headers: { cookie: cookies.patient } });
    selfIntake.version = ((await own.json()) as { version: number }).version;
    Object.assign(visit, {
      draft: draft.id, draftVersion: draft.version,
      submitDraft: submitDraft.id, submitDraftVersion: submitDraft.version,
      submitted: toSubmit.id, submittedVersion: submitted.version,
      suggested: (submitted.evaluation as { imaging: { modality: string } }).imaging.modality,
    });
  });

  test.afterAll(async () => {
    await database?.end();
  });

  test("POST /api/v1/patients", async () => {
    test.setTimeout(120_000);
    await fuzz("POST /patients", "staff", patientCases, 2_000);
  });

  test("PUT /api/v1/visits/{id}/answers (draft)", async () => {
    test.setTimeout(120_000);
    await fuzz("PUT /visits/{id}/answers", "staff", draftCases(() => `/api/v1/visits/${visit.draft}/answers`, () => visit.draftVersion), 2_000);
  });

  test("POST /api/v1/visits/{id}/submit", async () => {
    test.setTimeout(120_000);
    await fuzz("POST /visits/{id}/submit", "staff", submitCases(() => `/api/v1/visits/${visit.submitDraft}/submit`, () => visit.submitDraftVersion), 2_000);
  });

  test("GET /api/v1/visits (queue) and GET /api/v1/patients (list)", async () => {
    test.setTimeout(120_000);
    await fuzz("GET /visits?…", "doctor", queueCases, 1_000);
    await fuzz("GET /patients?…", "staff", searchCases, 240);
  });

  test("POST /api/v1/visits/search, /patients/search and /visits/export.csv (search bodies)", async () => {
    test.setTimeout(120_000);
    await fuzz("POST /visits/search", "doctor", queueSearchCases, 1_200);
    await fuzz("POST /patients/search", "staff", patientSearchCases, 400);
    await fuzz("POST /visits/export.csv", "doctor", exportBodyCases, 400);
  });

  test("POST /api/v1/visits/{id}/decision and /sign", async () => {
    test.setTimeout(120_000);
    await fuzz("POST /visits/{id}/decision", "doctor", decisionCases(() => `/api/v1/visits/${visit.submitted}/decision`, () => visit.submittedVersion, () => visit.suggested), 1_200);
    await fuzz("POST /visits/{id}/sign", "doctor", signCases(() => `/api/v1/visits/${visit.submitted}/sign`, () => visit.submittedVersion), 400);
  });

  test("bad ids in the path", async () => {
    test.setTimeout(120_000);
    await fuzz("/visits/{bad id}/…", "doctor", pathCases({
      answers: () => JSON.stringify({ version: 1, answers: { pain_score_now: 3 } }),
      submit: () => JSON.stringify({ version: 1 }),
      decision: () => JSON.stringify({ version: 2, action: "accept" }),
      sign: () => JSON.stringify({ version: 3 }),
    }), 800);
  });

  test("the patient's API: POST /api/v1/self-intake/open, PUT /api/v1/self-intake, POST /api/v1/self-intake/finish", async () => {
    test.setTimeout(180_000);
    await fuzz("POST /self-intake/open", "nobody", openCases(() => selfIntake.token, () => selfIntake.birthDate), 1_200);
    await fuzz("PUT /self-intake", "patient", patientSaveCases("PUT", "/api/v1/self-intake", () => selfIntake.version), 1_600);
    await fuzz("POST /self-intake/finish", "patient", patientSaveCases("POST", "/api/v1/self-intake/finish", () => selfIntake.version), 800);
    // A device with no session, or a made-up one, reaches nothing: the desk page's 404, for reads too.
    const noSession = fc.tuple(fc.oneof(fc.constant(""), goodToken.map((t) => `backline-self-intake=${t}`), anyText.filter((t) => !/[\r\n]/.test(t) && /^[\x20-\x7e]*$/.test(t)).map((t) => `backline-self-intake=${encodeURIComponent(t)}`)), fc.constantFrom("GET", "PUT", "POST"))
      .map(([cookie, method]): TCase => ({
        kind: "session: none or made up", method: method as TCase["method"], cookie,
        path: method === "POST" ? "/api/v1/self-intake/finish" : "/api/v1/self-intake",
        body: method === "GET" ? undefined : JSON.stringify({ version: 1, answers: { pain_score_now: 3 } }),
        // (a cookie of tens of kilobytes is refused by the HTTP server itself: 431)
        status: cookie.length > 4_000 ? [404, 431] : [404], fields: [],
      }));
    await fuzz("/self-intake without a session", "nobody", noSession, 400);
  });

  test("in total: at least 10,000 malformed requests, no 5xx", async () => {
    const all = new Map<number, number>();
    for (const h of histogram.values()) for (const [s, n] of h) all.set(s, (all.get(s) ?? 0) + n);
    const line = [...all].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(", ");
    console.log(`fuzz total: ${sent} malformed requests (seed ${SEED}); statuses ${line}`);
    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect([...all.keys()].filter((s) => s >= 500)).toEqual([]);
  });
});
