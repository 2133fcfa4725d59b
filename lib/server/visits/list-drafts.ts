import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { audit } from "../audit";
import { assertCan } from "../guard";

export interface TDraftRow {
  id: string;
  version: number;
  updatedAt: string;
  createdBy: string;
  patient: { id: string; mrn: string; givenName: string; familyName: string };
}

/** Open drafts of the whole clinic, most recently touched first, so work resumes on any device. */
export async function listDrafts(user: TCurrentUser, limit = 50): Promise<TDraftRow[]> {
  assertCan(user, "intake:write");
  return db().$transaction(async (tx) => {
    const drafts = await tx.visit.findMany({
      where: { status: "DRAFT" },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: limit,
      select: {
        id: true, version: true, updatedAt: true,
        createdBy: { select: { name: true } },
        patient: { select: { id: true, mrn: true, givenName: true, familyName: true } },
      },
    });
    await audit(tx, {
      actorId: user.id, action: "visit.list_drafts", entityType: "Visit", entityId: "*",
      patientIds: drafts.map((d) => d.patient.id),
      details: { count: drafts.length, visitIds: drafts.map((d) => d.id) },
    });
    return drafts.map((d) => ({ id: d.id, version: d.version, updatedAt: d.updatedAt.toISOString(), createdBy: d.createdBy.name, patient: d.patient }));
  });
}
