// Password rules: length over complexity (NIST SP 800-63B). At least 12 characters, no composition
// rules, but not a password from the breach lists attackers try first, and never the demo password
// in production. Pure: the form checks it as the user types, the server again before hashing.

export const PASSWORD_MIN_LENGTH = 12;
/** bcrypt reads only the first 72 bytes; anything longer would silently not count. */
export const PASSWORD_MAX_BYTES = 72;

/** The password the demo seed gives every demo account: fine for a laptop, never for a clinic. */
export const DEMO_PASSWORDS = ["backline-demo"] as const;

// Passwords of 12+ characters that top the public breach corpora (Have I Been Pwned, RockYou,
// NCSC's 100k list). Shorter ones are refused by the length rule already. Compared case-insensitively.
const COMMON = new Set([
  "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567890qwerty", "qwerty123456",
  "qwertyuiop123", "qwertyuiopasdf", "qwertyuiopasdfgh", "1q2w3e4r5t6y", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv",
  "password1234", "password12345", "password123456", "password123!", "passwordpassword", "p@ssw0rd1234",
  "passw0rd1234", "p@ssword1234", "iloveyou1234", "iloveyouiloveyou", "abcdefghijkl", "abcdefghijklmnop",
  "abc123456789", "abcd12345678", "aaaaaaaaaaaa", "111111111111", "000000000000", "123123123123",
  "987654321098", "changeme1234", "changemenow!", "welcome12345", "welcome123456", "letmein12345",
  "administrator", "administrator1", "admin1234567", "admin12345678", "superman1234", "football1234",
  "baseball1234", "sunshine1234", "princess1234", "trustno11234", "monkey123456", "dragon123456",
  "starwars1234", "michael12345", "whatever1234", "1234qwerasdf", "zaq12wsxcde3", "asdfghjkl123",
  "letmeinletmein", "passwordpassword1", "mypassword123", "secret123456",
  "hospital1234", "clinic123456", "doctor123456", "nurse1234567", "backline1234", "backline12345",
  "backlinebackline",
]);

export interface TPasswordContext {
  production: boolean;
  /** The account's email and name: a password made of them is the first thing guessed. */
  email?: string;
  name?: string;
}

function isTrivialPattern(password: string): boolean {
  if (/^(.)\1+$/u.test(password)) return true; // one character repeated
  const codes = [...password].map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1]! === step); // abcdef…, 987654…
}

/** The first problem with a new password, as a sentence for the form, or null when it is acceptable. */
export function passwordProblem(password: string, context: TPasswordContext): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters; a few words make a good one`;
  if (new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES) return `Password must be at most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} letters)`;
  const folded = password.trim().toLowerCase();
  if (COMMON.has(folded) || isTrivialPattern(password)) return "Password is too common: it appears in lists of breached passwords";
  if ((DEMO_PASSWORDS as readonly string[]).includes(folded) && context.production) {
    return "Password is the public demo password and cannot be used on a live system";
  }
  const email = context.email?.trim().toLowerCase();
  if (email && (folded === email || folded === email.split("@")[0])) return "Password must not be the email address";
  const name = context.name?.trim().toLowerCase().replace(/\s+/g, "");
  if (name && name.length >= 4 && folded.replace(/\s+/g, "") === name) return "Password must not be the person's name";
  return null;
}
