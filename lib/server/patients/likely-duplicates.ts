import "server-only";
import type { TLikelyMatch } from "@/lib/contracts/patient";
import { Prisma } from "@/lib/db/generated/client";

/**
 * How alike two full names must be (pg_trgm similarity of "family given", in either order: trigrams ignore word
 * order) for a registration on the same date of birth to be held back: "Maria Garcia" and "Maria Gracia" are
 * (0.6), "Maria Garcia" and "Ana Garcia" are not (0.4).
 */
const NAME_SIMILARITY = 0.5;

/** A name compared for sameness: case, accents, spaces, hyphens and apostrophes do not count ("García-López" = "garcialopez"). */
export function foldName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * Registered patients born on `birthDate` whose name is the same as the one given (ignoring case and accents, either
 * way round) or similar to it. At most 10, closest first. Served by patients_birth_date_idx.
 */
export async function likelyDuplicates(
  tx: Prisma.TransactionClient,
  person: { givenName: string; familyName: string; birthDate: string },
): Promise<TLikelyMatch[]> {
  const candidates = await tx.$queryRaw<(TLikelyMatch & { closeness: number })[]>`
    SELECT id::text AS id, mrn, given_name AS "givenName", family_name AS "familyName", to_char(birth_date, 'YYYY-MM-DD') AS "birthDate",
           similarity(family_name || ' ' || given_name, ${`${person.familyName} ${person.givenName}`}) AS closeness
    FROM patients
    WHERE birth_date = ${person.birthDate}::date
    ORDER BY closeness DESC, family_name, given_name, id
    LIMIT 200`;
  const family = foldName(person.familyName);
  const given = foldName(person.givenName);
  const same = (c: TLikelyMatch) => {
    const f = foldName(c.familyName);
    const g = foldName(c.givenName);
    return (f === family && g === given) || (f === given && g === family);
  };
  return candidates
    .filter((c) => same(c) || c.closeness >= NAME_SIMILARITY)
    .slice(0, 10)
    .map(({ id, mrn, givenName, familyName, birthDate }) => ({ id, mrn, givenName, familyName, birthDate }));
}
