import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { audit } from "../audit";
import { ageOn, clinicToday } from "../clock";
import { assertCan } from "../guard";

const INTAKE_SEX = { female: "female", male: "male", other: "other", unknown: "not_stated" } as const;

/** A new DRAFT visit for a patient, with what the record already knows filled in (date, age, sex). */
export async function startVisit(user: TCurrentUser, patientId: string): Promise<{ id: string; version: number; status: "DRAFT" }> {
  assertCan(user, "intake:write");
  return db().$transaction(async (tx) => {
    const patient = await tx.patient.findUnique({ where: { id: patientId }, select: { id: true, birthDate: true, sex: true } });
    if (!patient) throw new AppError("not_found", "Patient not found.", [{ field: "patientId", message: "no patient has this id" }]);
    const today = clinicToday();
    const age = ageOn(patient.birthDate.toISOString().slice(0, 10), today);
    const answers: { [key: string]: string | number } = { visit_date: today, sex: INTAKE_SEX[patient.sex] };
    if (age >= 0 && age <= 110) answers.age_years = age;
    const visit = await tx.visit.create({
      data: { patientId, createdById: user.id, answers },
      select: { id: true, version: true },
    });
    await audit(tx, { actorId: user.id, action: "visit.create", entityType: "Visit", entityId: visit.id, patientId });
    return { id: visit.id, version: visit.version, status: "DRAFT" as const };
  });
}
