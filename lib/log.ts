// Structured server log. Only ids, codes and error names/stacks are written: never request
// bodies, answers, names or other patient data.
type Level = "info" | "warn" | "error";

// Error messages can quote the data that caused them ("… "Garcia" is not valid JSON", Prisma's
// invocation errors print the call's arguments), so quoted text is cut out of every message.
const QUOTED = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g;
const MAX_MESSAGE = 500;

export function redactMessage(message: string): string {
  const redacted = message.replace(QUOTED, '"[redacted]"');
  return redacted.length > MAX_MESSAGE ? `${redacted.slice(0, MAX_MESSAGE)}…` : redacted;
}

function serialise(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    if (depth > 3) return { name: value.name };
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      ...(typeof code === "string" ? { code } : {}),
      message: redactMessage(value.message),
      // The frames only: a stack's first line repeats the (unredacted) message.
      stack: value.stack?.split("\n").filter((line) => line.startsWith("    at ")).join("\n"),
      ...(value.cause !== undefined ? { cause: serialise(value.cause, depth + 1) } : {}),
    };
  }
  return value;
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}) {
  const entry: Record<string, unknown> = { level, time: new Date().toISOString(), message };
  for (const [key, value] of Object.entries(fields)) entry[key] = serialise(value);
  const line = JSON.stringify(entry);
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

export const logger = {
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
