// The one place that reads process.env. Validated once, on first use (instrumentation.ts calls
// it at server start-up so a bad configuration stops the server with a clear message).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DATE_FORMATS, DEFAULT_DATE_FORMAT, setClinicDateFormat } from "@/lib/contracts/format";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required: the PostgreSQL connection URL (postgresql://user:pass@host:5432/db)" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)"),
  NEXTAUTH_URL: z.url("must be the app's public URL, e.g. https://backline.example.org").optional(),
  /** A session ends after this many minutes without a request (sliding; see proxy.ts). */
  /** How long a patient's self-intake link works (issue 19). */
  BACKLINE_SELF_INTAKE_LINK_HOURS: z.coerce.number().min(1).max(24 * 14).default(72),
  BACKLINE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(30),
  /** However active, a session ends this many hours after sign-in (a taken cookie cannot be kept alive). */
  BACKLINE_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  /** Sign-in throttling: failed attempts allowed per account and per client address within the window. */
  BACKLINE_LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(5),
  BACKLINE_LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(20),
  BACKLINE_LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /**
   * Failed sign-ins allowed within the window across all accounts and addresses (a password spray from many
   * addresses): beyond it only browsers that signed in before (a device cookie) may try.
   */
  BACKLINE_LOGIN_MAX_FAILURES_GLOBAL: z.coerce.number().int().min(1).max(1_000_000).default(200),
  /**
   * Reverse proxies in front of the app that append to X-Forwarded-For (0: none: the TCP peer is the client).
   * Required in production (lib/auth/client-address-preload.cjs, which `npm start` loads, applies it).
   */
  BACKLINE_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5, "must be at most 5 (the reverse proxies in front of the app)").default(0),
  /** Two-step sign-in (TOTP) for clinicians: "required", or "optional" (they may turn it on). Admins always need it. */
  BACKLINE_TWO_STEP_CLINICIANS: z.enum(["required", "optional"], { error: 'must be "required" or "optional"' }).default("optional"),
  BACKLINE_CLINIC_NAME: z.string().min(1).max(120).default("Backline Clinic"),
  BACKLINE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** An alert (an emergency, or an emergency rule blank answers cannot exclude) nobody acknowledges within this escalates. */
  BACKLINE_ALERT_ESCALATE_MINUTES: z.coerce.number().min(0.01).max(120).default(5),
  /** How often each worker looks for alerts to escalate. */
  BACKLINE_ALERT_SWEEP_SECONDS: z.coerce.number().min(0.2).max(300).default(15),
  /** The event stream's heartbeat: a client that hears nothing for longer reconnects. */
  BACKLINE_EVENTS_HEARTBEAT_SECONDS: z.coerce.number().min(0.5).max(120).default(15),
  /** The clinic's time zone: "today" for visit dates is the clinic's today. */
  BACKLINE_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-CA", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as Europe/London")
    .default("UTC"),
  /** How dates are written on every screen, the PDF and the CSV, and which numeric form typed dates are read in. */
  BACKLINE_DATE_FORMAT: z.enum(DATE_FORMATS, { message: `must be one of ${DATE_FORMATS.map((f) => `"${f}"`).join(", ")}` }).default(DEFAULT_DATE_FORMAT),
});

export type TEnv = z.infer<typeof ZEnv>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Backline configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Development only: a secret generated once and kept in the git-ignored .data folder. */
function developmentSecret(): string {
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The app secret a local server (npm run dev, or start after db:seed) will use: for seeding the demo admin's two-step key. */
export function localAppSecret(source: Record<string, string | undefined> = process.env): string {
  return source.NEXTAUTH_SECRET || source.AUTH_SECRET || developmentSecret();
}

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const nodeEnv = source.NODE_ENV ?? "development";
  let secret = source.NEXTAUTH_SECRET || source.AUTH_SECRET;
  if (!secret && nodeEnv !== "production") secret = developmentSecret();
  const result = ZEnv.safeParse({ ...source, AUTH_SECRET: secret });
  // Trusting X-Forwarded-For from proxies that are not there lets any client choose its address: production says
  // how many there are, explicitly.
  if (result.success && nodeEnv === "production" && (source.BACKLINE_TRUSTED_PROXY_HOPS ?? "") === "") {
    throw new EnvError([
      "BACKLINE_TRUSTED_PROXY_HOPS is required in production: 0 when clients connect to the app directly, or the number of reverse proxies in front of it that append to X-Forwarded-For",
    ]);
  }
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? "environment");
        const name = key === "AUTH_SECRET" ? "NEXTAUTH_SECRET (or AUTH_SECRET)" : key;
        const message = issue.code === "invalid_type" && !source[key] && key === "AUTH_SECRET"
          ? "is required in production"
          : issue.message;
        return `${name} ${message}`;
      }),
    );
  }
  return result.data;
}

let cached: TEnv | undefined;

/**
 * The clinic's date format alone, for the root layout: it renders while Next pre-renders pages at build time, when
 * the rest of the configuration (secrets, database) need not be there. A bad value stops the server at start-up
 * through env(); here it falls back to the default.
 */
export function clinicDateFormatSetting(): TEnv["BACKLINE_DATE_FORMAT"] {
  const parsed = ZEnv.shape.BACKLINE_DATE_FORMAT.safeParse(process.env.BACKLINE_DATE_FORMAT);
  return parsed.success ? parsed.data : DEFAULT_DATE_FORMAT;
}

export function env(): TEnv {
  if (!cached) {
    cached = parseEnv(process.env);
    setClinicDateFormat(cached.BACKLINE_DATE_FORMAT);
  }
  return cached;
}
