import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/contracts/errors";
import type { TPatientData } from "@/lib/contracts/patient";
import { audit } from "../audit";
import { assertCan, isUniqueViolation } from "../guard";
import type { TPatientDto } from "@/lib/contracts/wire/patient";
import { PATIENT_SELECT, toPatientDto } from "./patient-dto";

// The MRN stays out of the error: error bodies end up in client logs and bug reports. The caller
// knows the MRN it sent; the existing record's id is enough to open it.
function duplicate(existingId: string): AppError {
  return new AppError(
    "conflict",
    "A patient with this MRN is already registered.",
    [{ field: "mrn", message: "This MRN belongs to an existing patient" }],
    { existing: { id: existingId } },
  );
}

/** Refuses an MRN that is taken (409 naming the existing record's id). */
export async function assertMrnFree(tx: Prisma.TransactionClient, mrn: string): Promise<void> {
  const existing = await tx.patient.findUnique({ where: { mrn }, select: { id: true } });
  if (existing) throw duplicate(existing.id);
}

/** The new patient's row and its audit row, in the caller's transaction. */
export async function insertPatient(tx: Prisma.TransactionClient, user: TCurrentUser, input: TPatientData): Promise<TPatientDto> {
  const { mrn, givenName, familyName, birthDate, sex } = input;
  const patient = await tx.patient.create({
    data: { mrn, givenName, familyName, sex, birthDate: new Date(`${birthDate}T00:00:00Z`) },
    select: PATIENT_SELECT,
  });
  await audit(tx, { actorId: user.id, action: "patient.create", entityType: "Patient", entityId: patient.id, patientId: patient.id });
  return toPatientDto(patient);
}

/** Two registrations of the same MRN at once: the unique index decides, the loser gets the same 409. */
export async function rethrowMrnRace(error: unknown, mrn: string): Promise<never> {
  if (isUniqueViolation(error)) {
    const existing = await db().patient.findUnique({ where: { mrn }, select: { id: true } });
    if (existing) throw duplicate(existing.id);
  }
  throw error;
}

/**
 * Registers a patient with a free MRN. Seeds and tests call this directly; the API's POST /patients goes through
 * registerPatient (register-patient.ts), which also holds back a likely duplicate of someone already registered.
 */
export async function createPatient(user: TCurrentUser, input: TPatientData): Promise<TPatientDto> {
  assertCan(user, "patient:write");
  try {
    return await db().$transaction(async (tx) => {
      await assertMrnFree(tx, input.mrn);
      return insertPatient(tx, user, input);
    });
  } catch (error) {
    return rethrowMrnRace(error, input.mrn);
  }
}
