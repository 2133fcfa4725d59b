import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
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
 * Every word of the query must match the family name, given name or MRN (case-insensitive, anywhere, literally:
 * `%` and `_` are not wildcards).
 */
function searchWhere(q: string): Prisma.PatientWhereInput {
  const terms = q.split(/[\s,]+/).filter(Boolean).slice(0, 5).map(escapeLike);
  return {
    AND: terms.map((term) => ({
      OR: [
        { familyName: { contains: term, mode: "insensitive" as const } },
        { givenName: { contains: term, mode: "insensitive" as const } },
        { mrn: { contains: term, mode: "insensitive" as const } },
      ],
    })),
  };
}

export async function searchPatients(
  user: TCurrentUser,
  query: { q: string; page: number; pageSize: number },
): Promise<TPatientPage> {
  assertCan(user, "patient:read");
  const where = searchWhere(query.q);
  return db().$transaction(async (tx) => {
    // One after the other: a transaction is one connection, and pg 9 will refuse overlapping queries on it.
    const rows = await tx.patient.findMany({
      where,
      orderBy: [{ familyName: "asc" }, { givenName: "asc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: PATIENT_SELECT,
    });
    const total = await tx.patient.count({ where });
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
