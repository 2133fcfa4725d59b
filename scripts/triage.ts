// Command line: evaluate intakes from a JSON file.
//   npm run --silent triage -- FILE [--today YYYY-MM-DD]
// FILE holds a JSON array of intake objects (or one object); "-" reads standard input. Prints a JSON array of
// evaluations in the same order. An intake validation refuses at submit yields, in its place,
// {"rejected": true, "fields", "error": {"index", "fields", "messages"}, "preview"}, where `preview` is the
// draft-preview evaluation (refused values blank, knowledge.md 0.3 item 1), while the others still evaluate; the
// exit code is then 1. Unreadable input or bad arguments exit with 2.
// `npm run ruleset:impact` re-runs the stored visits when the rules change.
import { readFileSync } from "node:fs";
import { evaluate, previewDraft, validateIntake, type Evaluation, type FieldError } from "../lib/clinical";

interface ErrorEntry {
  rejected: true;
  fields: string[];
  error: { index: number; fields: string[]; messages: FieldError[] };
  preview: Evaluation;
}

const USAGE = "usage: npm run --silent triage -- FILE [--today YYYY-MM-DD]   (FILE may be - for stdin)";

/** The clinic's local calendar date: "today" for the no-future-visit check. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function parseArgs(argv: readonly string[]): { file: string; today: string } {
  let file: string | undefined;
  let today = localToday();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--today") {
      const value = argv[++i];
      if (!value) throw new Error("--today needs a date");
      today = value;
    } else if (arg.startsWith("--today=")) {
      today = arg.slice("--today=".length);
    } else if (arg === "-h" || arg === "--help") {
      throw new Error(USAGE);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
    }
  }
  if (file === undefined) throw new Error(USAGE);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`--today must be YYYY-MM-DD, got "${today}"`);
  return { file, today };
}

function triage(input: unknown, today: string): { results: (Evaluation | ErrorEntry)[]; failed: number } {
  const intakes = Array.isArray(input) ? input : [input];
  let failed = 0;
  const results = intakes.map((intake, index): Evaluation | ErrorEntry => {
    const validated = validateIntake(intake, { today });
    if (validated.ok) return evaluate(validated.intake);
    failed++;
    const fields = [...new Set(validated.errors.map((e) => e.field))];
    return { rejected: true, fields, error: { index, fields, messages: validated.errors }, preview: previewDraft(intake, { today }) };
  });
  return { results, failed };
}

function main(): void {
  let file: string;
  let today: string;
  let input: unknown;
  try {
    ({ file, today } = parseArgs(process.argv.slice(2)));
    const text = readFileSync(file === "-" ? 0 : file, "utf8");
    input = JSON.parse(text);
  } catch (err) {
    process.stderr.write(`triage: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
    return;
  }
  const { results, failed } = triage(input, today);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  if (failed > 0) {
    process.stderr.write(`triage: ${failed} of ${results.length} intake(s) invalid\n`);
    process.exitCode = 1;
  }
}

main();
