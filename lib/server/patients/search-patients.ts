import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { searchTerms, type TSearchTerm } from "@/lib/contracts/birth-date-query";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { audit } from "../audit";
import { assertCan } from "../guard";
import { escapeLike } from "../like-pattern";
import type { TPatientDto } from "@/lib/contracts/wire/patient";
import { PATIENT_SELECT, toPatientDto } from "./patient-dto";

export interface TPatientPage {
  rows: TPatientDto[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * How close a typed word must be to a name to count as a typo of it (pg_trgm's word_similarity: "garica" in
 * "Garcia" is 0.43). Words shorter than FUZZY_MIN_LENGTH match literally only: three letters share too few
 * trigrams with anything ("lee" would find every "Leroy"); so do words with digits or symbols (MRNs, dates).
 */
const WORD_SIMILARITY = 0.4;
const FUZZY_MIN_LENGTH = 4;

/**
 * A long word must be closer: a slip (two letters swapped, one wrong) changes about 4 of its trigrams whatever its
 * length, so a fixed 0.4 would let an 18-letter word match names that merely share half of it. This keeps 0.4 up
 * to 13 letters and rises slowly after (0.5 at 17, 0.56 at 20); the index serves the 0.4, this narrows it.
 */
const closeEnough = (word: string) => {
  const n = [...word].length;
  return Math.max(WORD_SIMILARITY, (n - 5) / (n + 7));
};

/** A word of letters (a name, not an MRN or a date) long enough to have typos worth forgiving. */
const fuzzy = (term: TSearchTerm) => !term.dateOnly && /^[\p{L}'’-]+$/u.test(term.text) && [...term.text].length >= FUZZY_MIN_LENGTH;
const dateList = (term: TSearchTerm) => Prisma.sql`${term.dates}::date[]`;

/**
 * One word of the search matches a patient when the family name, given name or MRN holds it (case-insensitive,
 * literally: `%` and `_` are not wildcards), when it is a typo of a name (trigram word similarity, served by
 * patients_search_trgm_idx), or when it is a date the patient was born on (patients_birth_date_idx).
 */
function termMatches(term: TSearchTerm): Prisma.Sql {
  const alternatives: Prisma.Sql[] = [];
  if (!term.dateOnly) {
    const pattern = `%${escapeLike(term.text)}%`;
    alternatives.push(Prisma.sql`family_name ILIKE ${pattern} OR given_name ILIKE ${pattern} OR mrn ILIKE ${pattern}`);
  }
  if (fuzzy(term)) {
    const t = term.text;
    const min = closeEnough(t);
    alternatives.push(
      Prisma.sql`(${t} <% family_name AND word_similarity(${t}, family_name) >= ${min}) OR (${t} <% given_name AND word_similarity(${t}, given_name) >= ${min})`,
    );
  }
  if (term.dates.length > 0) alternatives.push(Prisma.sql`birth_date = ANY(${dateList(term)})`);
  return Prisma.sql`(${Prisma.join(alternatives, " OR ")})`;
}

/** The word is the name (or the date of birth) itself, not part of it or a typo of it. */
function termExact(term: TSearchTerm): Prisma.Sql {
  const exact: Prisma.Sql[] = [];
  if (!term.dateOnly) exact.push(Prisma.sql`lower(family_name) = lower(${term.text}) OR lower(given_name) = lower(${term.text})`);
  if (term.dates.length > 0) exact.push(Prisma.sql`birth_date = ANY(${dateList(term)})`);
  return Prisma.sql`(${Prisma.join(exact, " OR ")})`;
}

/** The word matches without typo tolerance. */
function termLiteral(term: TSearchTerm): Prisma.Sql {
  if (!fuzzy(term)) return Prisma.sql`TRUE`;
  const pattern = `%${escapeLike(term.text)}%`;
  return Prisma.sql`(family_name ILIKE ${pattern} OR given_name ILIKE ${pattern} OR mrn ILIKE ${pattern})`;
}

/**
 * A page of the patients matching every word of `q`, best first: the exact MRN, then patients whose names (or date
 * of birth) are exactly the words, then literal matches, then typos; within each, the closest names, then by name.
 * Returns the ids in that order and the total.
 */
async function rankedIds(tx: Prisma.TransactionClient, q: string, page: number, pageSize: number): Promise<{ ids: string[]; total: number }> {
  const terms = searchTerms(q);
  const where = Prisma.join(terms.map(termMatches), " AND ");
  const textTerms = terms.filter((t) => !t.dateOnly);
  const closeness = textTerms.length
    ? Prisma.join(
        textTerms.map((t) => Prisma.sql`greatest(word_similarity(${t.text}, family_name), word_similarity(${t.text}, given_name))`),
        " + ",
      )
    : Prisma.sql`0::real`; // not a bare 0: ORDER BY 0 would be a column position
  // The typo threshold for this transaction only (the `<%` operator reads it; the index serves it).
  await tx.$executeRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true)`;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM patients
    WHERE ${where}
    ORDER BY
      CASE
        WHEN upper(mrn) = upper(${q}) THEN 0
        WHEN ${Prisma.join(terms.map(termExact), " AND ")} THEN 1
        WHEN ${Prisma.join(terms.map(termLiteral), " AND ")} THEN 2
        ELSE 3
      END,
      ${closeness} DESC, family_name, given_name, id
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  const [{ total }] = await tx.$queryRaw<[{ total: number }]>`SELECT count(*)::int AS total FROM patients WHERE ${where}`;
  return { ids: rows.map((r) => r.id), total };
}

export async function searchPatients(
  user: TCurrentUser,
  query: { q: string; page: number; pageSize: number },
): Promise<TPatientPage> {
  assertCan(user, "patient:read");
  const q = query.q.trim();
  return db().$transaction(async (tx) => {
    // One after the other: a transaction is one connection, and pg 9 will refuse overlapping queries on it.
    let rows;
    let total: number;
    if (!q || searchTerms(q).length === 0) {
      rows = await tx.patient.findMany({
        orderBy: [{ familyName: "asc" }, { givenName: "asc" }, { id: "asc" }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
        select: PATIENT_SELECT,
      });
      total = await tx.patient.count();
    } else {
      const ranked = await rankedIds(tx, q, query.page, query.pageSize);
      const found = await tx.patient.findMany({ where: { id: { in: ranked.ids } }, select: PATIENT_SELECT });
      const byId = new Map(found.map((p) => [p.id, p]));
      rows = ranked.ids.flatMap((id) => byId.get(id) ?? []);
      total = ranked.total;
    }
    // The search words themselves may be names, so only the result ids are recorded.
    await audit(tx, {
      actorId: user.id,
      action: "patient.search",
      entityType: "Patient",
      entityId: "*",
      patientIds: rows.map((r) => r.id),
      details: { total, page: query.page },
    });
    return { rows: rows.map(toPatientDto), total, page: query.page, pageSize: query.pageSize };
  });
}
