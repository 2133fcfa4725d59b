// Password hashing: Argon2id through @node-rs/argon2, a native implementation that runs on libuv's thread pool,
// so a sign-in never holds the event loop (bcryptjs, used before, computed in JavaScript on the main thread and
// stalled every other request for ~150 ms per check). Parameters are OWASP's first Argon2id choice: 19 MiB,
// 2 passes, 1 lane.
//
// Hashes made before (bcrypt, "$2a$"/"$2b$") still verify; checkCredentials rehashes them on the next successful
// sign-in (needsRehash).
import { hash as argon2Hash, verify as argon2Verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

// Algorithm.Argon2id is a const enum (2), which isolated modules cannot read.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** What a current hash starts with: the algorithm and its parameters. */
const CURRENT_PREFIX = `$argon2id$v=19$m=${OPTIONS.memoryCost},t=${OPTIONS.timeCost},p=${OPTIONS.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, OPTIONS);
}

/** A stored hash made by an older algorithm or with other parameters: replace it at the next successful sign-in. */
export function needsRehash(hash: string): boolean {
  return !hash.startsWith(CURRENT_PREFIX);
}

// Compared against when the email is unknown, so a miss costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const stored = hash ?? (await (dummyHash ??= hashPassword("backline-timing-equaliser")));
  let ok: boolean;
  if (stored.startsWith("$2")) ok = await bcrypt.compare(password, stored);
  else ok = await argon2Verify(stored, password).catch(() => false);
  return hash !== null && ok;
}
