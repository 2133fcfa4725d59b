import bcrypt from "bcryptjs";

// bcrypt cost 11: ~150 ms per check here, slow enough for stored hashes, fast enough for sign-in.
const COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

// Compared against when the email is unknown, so a miss costs as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync("backline-timing-equaliser", COST);

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return hash !== null && ok;
}
