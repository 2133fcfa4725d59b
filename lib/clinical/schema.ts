// Intake validation derived from the catalogue (zod 4). The submit schema is strict about *values* (unknown
// fields, options, ranges, integer-ness, dates, "none" combined with other options) but accepts blank answers,
// including blank required ones: b.4 says such a submission is accepted, raises DATA-01 and stays provisional.
// `requireComplete: true` gives the stricter variant for a step that must not go on with blanks.
import { z } from "zod";
import { QUESTION_LIST, questionById, type AnswerOf, type FieldId, type QuestionOf, type TIntake } from "./catalogue";
import { isoDayNumber } from "./dates";
import { conditionHoldsOnAnswers, questionName } from "./display";
import type { Cond, QuestionDef } from "./types";

export type { TIntake } from "./catalogue";

/** What a form may send for a field: the answer, or a blank (null, "" or absent). */
export type TIntakeInput = { [F in FieldId]?: AnswerOf<QuestionOf<F>> | null | "" };

type LooseValueOf<Q> = Q extends { type: "boolean" }
  ? boolean
  : Q extends { type: "multi-enum" }
    ? string[]
    : Q extends { type: "integer" | "number" }
      ? number
      : string;

/** A draft may hold unfinished or invalid answers (0.3 item 1); only the basic shape is checked. */
export type TIntakeDraft = { [F in FieldId]?: LooseValueOf<QuestionOf<F>> | null };

export interface IntakeSchemaOptions {
  /** today's date (YYYY-MM-DD), passed in so the core never reads the clock */
  readonly today: string;
  /** reject blank required answers too (default false: blanks are accepted and raise DATA-01) */
  readonly requireComplete?: boolean;
}

export interface FieldError {
  /** catalogue field id, or "(form)" for a problem with the whole intake */
  readonly field: string;
  readonly message: string;
}

export type ValidationResult = { ok: true; intake: TIntake } | { ok: false; errors: FieldError[] };

export const FORM_LEVEL = "(form)";

// --- messages ------------------------------------------------------------------------------------------------
// Messages are read by people (the form shows them beside the question, the API returns them in `fields[].message`),
// so they use the catalogue's words: the question's short name, option labels and units, never field ids or option
// values (`fields[].field` keeps the id for programs).

/** An option's label ("Female"), or the value itself when the question has no such option. */
function optionLabel(q: QuestionDef | undefined, value: unknown): string {
  if (q?.type === "boolean") return value === true ? "yes" : value === false ? "no" : String(value);
  const option = q && "options" in q ? q.options.find((o) => o.value === value) : undefined;
  return option ? option.label : String(value);
}

/** A short statement of what a field accepts, used in error messages (and handy as form help). */
export function allowedText(q: QuestionDef): string {
  switch (q.type) {
    case "boolean":
      return "choose yes or no";
    case "enum":
      return `choose one of the options (${q.options.map((o) => o.label).join("; ")})`;
    case "multi-enum":
      return (
        "tick options from the list, each once" + (q.exclusive ? `, with "${optionLabel(q, q.exclusive)}" only on its own` : "")
      );
    case "integer":
      return `enter a whole number from ${q.min} to ${q.max} (${q.unit})`;
    case "number":
      return `enter a number from ${q.min} to ${q.max} (${q.unit})`;
    case "date":
      return "enter a valid date (YYYY-MM-DD)";
    case "text":
      return `write at most ${q.maxLength} characters`;
  }
}

function invalidMessage(q: QuestionDef): string {
  return `${questionName(q)}: ${allowedText(q)}, or leave it blank`;
}

/** How a condition names a variable: the question's short words, or the variable itself when it is not a question. */
const varWords = (v: string): string => questionById(v)?.short ?? v;

/** A catalogue question's name for messages (questionName), by field id. */
const nameOf = (id: FieldId): string => questionName(questionById(id)!);

/** Plain-language reading of a catalogue condition, for "required when ..." messages. */
export function describeCondition(c: Cond): string {
  switch (c.op) {
    case "has":
      return `"${optionLabel(questionById(c.var), c.value)}" is ticked for ${varWords(c.var)}`;
    case "is":
      return `${varWords(c.var)} is yes`;
    case "eq":
      return `${varWords(c.var)} is ${optionLabel(questionById(c.var), c.value)}`;
    case "ne":
      return `${varWords(c.var)} is not ${optionLabel(questionById(c.var), c.value)}`;
    case "in":
      return `${varWords(c.var)} is ${c.values.map((v) => optionLabel(questionById(c.var), v)).join(" or ")}`;
    case "gt":
      return `${varWords(c.var)} is over ${c.value}`;
    case "ge":
      return `${varWords(c.var)} is ${c.value} or more`;
    case "lt":
      return `${varWords(c.var)} is under ${c.value}`;
    case "le":
      return `${varWords(c.var)} is ${c.value} or less`;
    case "blank":
      return `${varWords(c.var)} is not answered`;
    case "all":
      return c.of.map(describeCondition).join(" and ");
    case "any":
      return c.of.map(describeCondition).join(" or ");
    case "not":
      return `not (${describeCondition(c.of)})`;
    case "count_at_least":
      return `at least ${c.n} of (${c.of.map(describeCondition).join("; ")})`;
    case "fired":
      return `${c.rule} fired`;
    case "none_fired":
      return `no ${c.kind} rule fired`;
  }
}

// --- one field -----------------------------------------------------------------------------------------------

const BLANK = z.union([z.null(), z.literal("").transform(() => null)]);

/** Schema of a non-blank answer to q. */
function answerSchema(q: QuestionDef): z.ZodType {
  const error = invalidMessage(q);
  switch (q.type) {
    case "boolean":
      return z.boolean({ error });
    case "enum":
      return z.enum(q.options.map((o) => o.value) as [string, ...string[]], { error });
    case "multi-enum": {
      const exclusive = q.exclusive;
      return z
        .array(z.enum(q.options.map((o) => o.value) as [string, ...string[]], { error }), { error })
        .superRefine((list, ctx) => {
          if (new Set(list).size !== list.length) {
            ctx.addIssue({ code: "custom", message: `${questionName(q)}: tick each option only once` });
          }
          if (exclusive !== undefined && list.includes(exclusive) && list.length > 1) {
            ctx.addIssue({
              code: "custom",
              message: `${questionName(q)}: "${optionLabel(q, exclusive)}" cannot be combined with other options; untick one or the other`,
            });
          }
        });
    }
    case "integer":
      return z.number({ error }).int({ error }).min(q.min, { error }).max(q.max, { error });
    case "number":
      return z.number({ error }).min(q.min, { error }).max(q.max, { error });
    case "date":
      return z.string({ error }).refine((s) => isoDayNumber(s) !== null, { error });
    case "text":
      return z.string({ error }).max(q.maxLength, { error });
  }
}

/** Schema of one field as submitted: the answer or a blank ("" becomes null). */
export function fieldSchema(q: QuestionDef): z.ZodType {
  return z.union([answerSchema(q), BLANK], { error: invalidMessage(q) }).optional();
}

// --- whole intake --------------------------------------------------------------------------------------------

function assertToday(today: string): number {
  const day = isoDayNumber(today);
  if (day === null) throw new Error(`today must be a valid YYYY-MM-DD date, got "${today}"`);
  return day;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

const isBlankValue = (v: unknown): boolean =>
  v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** Checks across fields: date order, and (requireComplete) blank required answers. */
function crossFieldIssues(
  intake: Readonly<Record<string, unknown>>,
  todayDay: number,
  today: string,
  requireComplete: boolean,
): FieldError[] {
  const issues: FieldError[] = [];
  const visit = typeof intake.visit_date === "string" ? isoDayNumber(intake.visit_date) : null;
  const onset = typeof intake.onset_date === "string" ? isoDayNumber(intake.onset_date) : null;
  if (visit !== null && visit > todayDay) {
    issues.push({ field: "visit_date", message: `${nameOf("visit_date")}: must not be in the future (today is ${today})` });
  }
  if (onset !== null && visit !== null && onset > visit) {
    issues.push({
      field: "onset_date",
      message: `${nameOf("onset_date")}: must not be after ${varWords("visit_date")} (${String(intake.visit_date)})`,
    });
  } else if (onset !== null && visit === null && onset > todayDay) {
    issues.push({ field: "onset_date", message: `${nameOf("onset_date")}: must not be in the future (today is ${today})` });
  }
  const careIssue = careWeeksIssue(intake);
  if (careIssue) issues.push(careIssue);
  if (requireComplete) {
    for (const q of QUESTION_LIST) {
      if (!isBlankValue(intake[q.id])) continue;
      if (q.required) {
        issues.push({ field: q.id, message: `${questionName(q)}: required; ${allowedText(q)}` });
      } else if (q.requiredWhen && conditionHoldsOnAnswers(q.requiredWhen, intake)) {
        issues.push({
          field: q.id,
          message: `${questionName(q)}: required when ${describeCondition(q.requiredWhen)}; ${allowedText(q)}`,
        });
      }
    }
  }
  return issues;
}

/**
 * 0.4 items 11 and 14: care for longer than the episode is refused, `conservative_care_weeks * 7 > duration_days + 7`
 * (strict; a week's slack for rounding), naming conservative_care_weeks. Skipped when the duration is unknown or
 * the dates are themselves out of order.
 */
export function careWeeksIssue(intake: Readonly<Record<string, unknown>>): FieldError | null {
  const weeks = intake.conservative_care_weeks;
  const visit = typeof intake.visit_date === "string" ? isoDayNumber(intake.visit_date) : null;
  const onset = typeof intake.onset_date === "string" ? isoDayNumber(intake.onset_date) : null;
  if (typeof weeks !== "number" || visit === null || onset === null || onset > visit) return null;
  const days = visit - onset;
  if (weeks * 7 <= days + 7) return null;
  return {
    field: "conservative_care_weeks",
    message:
      `${nameOf("conservative_care_weeks")}: longer than this episode: ${weeks} weeks of care, but the pain started ${days} ` +
      `day${days === 1 ? "" : "s"} before the visit`,
  };
}

const shape: Record<string, z.ZodType> = Object.fromEntries(QUESTION_LIST.map((q) => [q.id, fieldSchema(q)]));

const FIELD_IDS: readonly string[] = QUESTION_LIST.map((q) => q.id);

/**
 * The canonical form of a validated intake: every catalogue field, in catalogue order, null when blank (0.1:
 * a blank is stored as null; an empty list stays an empty list). One shape for every intake keeps stored
 * answers and exports regular, and makes evaluation faster (one hidden class for V8 instead of thousands).
 */
export function canonicalIntake(intake: Readonly<Record<string, unknown>>): TIntake {
  const out: Record<string, unknown> = {};
  for (const id of FIELD_IDS) {
    const v = intake[id];
    out[id] = v === undefined || v === "" ? null : v;
  }
  return out as TIntake;
}

function unknownFieldMessage(key: string): string {
  // The key is the caller's own (there are no words for it): quoted, so it reads as the name that was sent.
  return `"${key}" is not a question of this intake`;
}

/**
 * Strict schema for a submitted intake. Output: the canonical intake (every field present, blanks null). Blank required answers
 * pass unless `requireComplete` is set (they raise DATA-01 in the evaluation instead).
 */
export function makeIntakeSchema(options: IntakeSchemaOptions): z.ZodType<TIntake, TIntakeInput> {
  // Building a schema is costly (zod compiles a fast path per schema), and "today" changes once a day, so the
  // few schemas in use are kept.
  const key = `${options.today}|${options.requireComplete === true}`;
  const cached = schemaCache.get(key);
  if (cached) return cached;
  const schema = buildIntakeSchema(options);
  if (schemaCache.size >= 8) schemaCache.delete(schemaCache.keys().next().value as string);
  schemaCache.set(key, schema);
  return schema;
}

const schemaCache = new Map<string, z.ZodType<TIntake, TIntakeInput>>();

function buildIntakeSchema(options: IntakeSchemaOptions): z.ZodType<TIntake, TIntakeInput> {
  const todayDay = assertToday(options.today);
  const requireComplete = options.requireComplete ?? false;
  return z
    .strictObject(shape, {
      error: (iss) =>
        iss.code === "unrecognized_keys"
          ? iss.keys.map(unknownFieldMessage).join("; ")
          : "The answers must be sent as one set of answers, one per question",
    })
    .superRefine(
      (intake, ctx) => {
        for (const issue of crossFieldIssues(intake, todayDay, options.today, requireComplete)) {
          ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message });
        }
      },
      // Run the cross-field checks even when a field already failed, so every problem is reported at once
      // (crossFieldIssues only trusts values it re-checks itself).
      { when: (payload) => isPlainObject(payload.value) },
    )
    .transform(canonicalIntake) as unknown as z.ZodType<TIntake, TIntakeInput>;
}

/**
 * Schema for drafts: every field optional and only shape-checked (a draft may hold out-of-range or
 * inconsistent answers, 0.3 item 1); unknown fields are dropped so old drafts survive catalogue changes.
 * Drafts are not checked against today, so unlike makeIntakeSchema this takes no options.
 */
export function makeDraftSchema(): z.ZodType<TIntakeDraft> {
  const loose: Record<string, z.ZodType> = {};
  for (const q of QUESTION_LIST) {
    const error = `${questionName(q)}: ${
      q.type === "boolean"
        ? "choose yes or no"
        : q.type === "multi-enum"
          ? "tick options from the list"
          : q.type === "integer" || q.type === "number"
            ? "enter a number"
            : "enter text"
    }, or leave it blank`;
    const base =
      q.type === "boolean"
        ? z.boolean({ error })
        : q.type === "multi-enum"
          ? z.array(z.string({ error }), { error })
          : q.type === "integer" || q.type === "number"
            ? z.number({ error })
            : z.string({ error });
    loose[q.id] = base.nullable().optional();
  }
  return z.object(loose, { error: "A draft must be sent as one set of answers, one per question" }) as unknown as z.ZodType<TIntakeDraft>;
}

/** zod issues -> one error per field (unknown keys are split into one error each). */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const push = (field: string, message: string): void => {
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push({ field, message });
  };
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) push(key, unknownFieldMessage(key));
      continue;
    }
    const head = issue.path[0];
    push(typeof head === "string" ? head : FORM_LEVEL, issue.message);
  }
  return errors;
}

/** Validate a submitted intake. Errors name the field (catalogue id) and say what is allowed. */
export function validateIntake(input: unknown, options: IntakeSchemaOptions): ValidationResult {
  const result = makeIntakeSchema(options).safeParse(input);
  if (result.success) return { ok: true, intake: result.data };
  return { ok: false, errors: toFieldErrors(result.error.issues) };
}
