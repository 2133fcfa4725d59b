import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { audit } from "./audit";

export interface TPatientRow {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
}

export async function listRecentPatients(user: TCurrentUser, limit = 20): Promise<TPatientRow[]> {
  if (!can(user.role, "patient:read")) throw new AppError("forbidden", "Your role does not allow this action.");
  return db().$transaction(async (tx) => {
    const rows = await tx.patient.findMany({
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: limit,
      select: { id: true, mrn: true, givenName: true, familyName: true, birthDate: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: "patient.list",
      entityType: "Patient",
      entityId: "*",
      details: { count: rows.length, patientIds: rows.map((r) => r.id) },
    });
    return rows.map((r) => ({ ...r, birthDate: r.birthDate.toISOString().slice(0, 10) }));
  });
}
