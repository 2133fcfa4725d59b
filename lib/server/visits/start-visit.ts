import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { pool } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { AUDIT_INSERT } from "../audit";
import { ageOn, clinicToday } from "../clock";
import { assertCan } from "../guard";

const INTAKE_SEX = { female: "female", male: "male", other: "other", unknown: "not_stated" } as const;

/** A new DRAFT visit for a patient, with what the record already knows filled in (date, age, sex). */
export async function startVisit(user: TCurrentUser, patientId: string): Promise<{ id: string; version: number; status: "DRAFT" }> {
  assertCan(user, "intake:write");
  const database = pool();
  // Every intake starts here, so this is SQL rather than a Prisma transaction (a quarter of the cost).
  // The patient read needs no lock: patients are never deleted, and the foreign key checks the insert.
  const { rows: patients } = await database.query<{ birthDate: string; sex: keyof typeof INTAKE_SEX }>({
    name: "backline.visit-start-patient",
    text: `SELECT birth_date::text AS "birthDate", sex::text AS sex FROM patients WHERE id = $1::uuid`,
    values: [patientId],
  });
  const patient = patients[0];
  if (!patient) throw new AppError("not_found", "Patient not found.", [{ field: "patientId", message: "no patient has this id" }]);
  const today = clinicToday();
  const age = ageOn(patient.birthDate, today);
  const answers: { [key: string]: string | number } = { visit_date: today, sex: INTAKE_SEX[patient.sex] };
  if (age >= 0 && age <= 110) answers.age_years = age;
  // The visit and its audit row in one statement: one transaction, one round trip.
  const { rows } = await database.query<{ id: string; version: number }>({
    name: "backline.visit-start",
    text: `WITH visit AS (
       INSERT INTO visits (patient_id, created_by_id, answers) VALUES ($1::uuid, $2::uuid, $3::jsonb) RETURNING id, version
     ), audit AS (
       ${AUDIT_INSERT} SELECT $2::uuid, 'visit.create', 'Visit', id::text, $1::uuid, '{}'::jsonb FROM visit
     )
     SELECT id::text, version FROM visit`,
    values: [patientId, user.id, JSON.stringify(answers)],
  });
  const visit = rows[0]!;
  return { id: visit.id, version: visit.version, status: "DRAFT" as const };
}
