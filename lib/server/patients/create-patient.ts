import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
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

export async function createPatient(user: TCurrentUser, input: TPatientData): Promise<TPatientDto> {
  assertCan(user, "patient:write");
  const database = db();
  try {
    return await database.$transaction(async (tx) => {
      const existing = await tx.patient.findUnique({ where: { mrn: input.mrn }, select: { id: true } });
      if (existing) throw duplicate(existing.id);
      const patient = await tx.patient.create({
        data: { ...input, birthDate: new Date(`${input.birthDate}T00:00:00Z`) },
        select: PATIENT_SELECT,
      });
      await audit(tx, { actorId: user.id, action: "patient.create", entityType: "Patient", entityId: patient.id, patientId: patient.id });
      return toPatientDto(patient);
    });
  } catch (error) {
    // Two registrations of the same MRN at once: the unique index decides, the loser gets the same 409.
    if (isUniqueViolation(error)) {
      const existing = await database.patient.findUnique({ where: { mrn: input.mrn }, select: { id: true } });
      if (existing) throw duplicate(existing.id);
    }
    throw error;
  }
}
