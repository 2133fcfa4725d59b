import type { Prisma } from "@/lib/db/generated/client";
import type { TPatientDto } from "@/lib/contracts/wire/patient";

export const PATIENT_SELECT = {
  id: true,
  mrn: true,
  givenName: true,
  familyName: true,
  birthDate: true,
  sex: true,
  createdAt: true,
} as const satisfies Prisma.PatientSelect;

export function toPatientDto(p: Prisma.PatientGetPayload<{ select: typeof PATIENT_SELECT }>): TPatientDto {
  return { ...p, birthDate: p.birthDate.toISOString().slice(0, 10), createdAt: p.createdAt.toISOString() };
}
