import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { painScoreQuestion } from "@/lib/clinical";
import { PEG_IDS } from "@/lib/clinical/peg";
import type { Modality, Tier } from "@/lib/clinical/types";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { audit } from "../audit";
import { assertCan } from "../guard";
import type { TPatientDto } from "@/lib/contracts/wire/patient";
import { PATIENT_SELECT, toPatientDto } from "./patient-dto";

export interface TVisitHistoryRow {
  id: string;
  status: "DRAFT" | "SUBMITTED" | "SIGNED";
  createdAt: string;
  submittedAt: string | null;
  urgency: Tier | null;
  imagingModality: Modality | null;
  redFlags: string[];
  visitDate: string | null;
  painScore: number | null;
  /** the PEG items answered at this visit (catalogue id -> 0-10) */
  peg: Record<string, number>;
}

export interface TPatientWithHistory {
  patient: TPatientDto;
  visits: TVisitHistoryRow[];
}

export async function getPatient(user: TCurrentUser, id: string): Promise<TPatientWithHistory> {
  assertCan(user, "patient:read");
  return db().$transaction(async (tx) => {
    const patient = await tx.patient.findUnique({ where: { id }, select: PATIENT_SELECT });
    if (!patient) throw new AppError("not_found", "Patient not found.");
    const visits = await tx.visit.findMany({
      where: { patientId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 200,
      select: {
        id: true, status: true, createdAt: true, submittedAt: true, urgency: true,
        imagingModality: true, redFlags: true, answers: true,
      },
    });
    const painId = painScoreQuestion().id;
    await audit(tx, { actorId: user.id, action: "patient.read", entityType: "Patient", entityId: id, patientId: id, details: { visits: visits.length } });
    return {
      patient: toPatientDto(patient),
      visits: visits.map((v) => {
        const answers = (v.answers ?? {}) as Record<string, unknown>;
        return {
          id: v.id,
          status: v.status,
          createdAt: v.createdAt.toISOString(),
          submittedAt: v.submittedAt?.toISOString() ?? null,
          urgency: v.urgency,
          imagingModality: v.imagingModality,
          redFlags: v.redFlags,
          visitDate: typeof answers.visit_date === "string" ? answers.visit_date : null,
          painScore: typeof answers[painId] === "number" ? answers[painId] : null,
          peg: Object.fromEntries(PEG_IDS.flatMap((peg) => (typeof answers[peg] === "number" ? [[peg, answers[peg]]] : []))),
        };
      }),
    };
  });
}
