import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import type { TLikelyMatch, TPatientData } from "@/lib/contracts/patient";
import type { TPatientDto } from "@/lib/contracts/wire/patient";
import { audit } from "../audit";
import { assertCan } from "../guard";
import { assertMrnFree, insertPatient, rethrowMrnRace } from "./create-patient";
import { likelyDuplicates } from "./likely-duplicates";

/**
 * Registration at the front desk (POST /api/v1/patients). A taken MRN is a 409 as before. A person with a similar
 * (or the same) name and the same date of birth as a registered patient is most likely that patient: the answer is
 * a 409 listing the likely matches, so the record is opened instead of doubled, unless the caller has seen them
 * and sends `confirmDistinct: true`. Showing the matches discloses those patients: that is audited (and
 * committed) before the 409 is sent.
 */
export async function registerPatient(user: TCurrentUser, input: TPatientData): Promise<TPatientDto> {
  assertCan(user, "patient:write");
  let held: TLikelyMatch[] = [];
  try {
    const created = await db().$transaction(async (tx) => {
      await assertMrnFree(tx, input.mrn);
      if (input.confirmDistinct !== true) {
        held = await likelyDuplicates(tx, input);
        if (held.length > 0) {
          await audit(tx, {
            actorId: user.id,
            action: "patient.likely_duplicates",
            entityType: "Patient",
            entityId: "*",
            patientIds: held.map((m) => m.id),
            details: { count: held.length },
          });
          return null;
        }
      }
      return insertPatient(tx, user, input);
    });
    if (created) return created;
  } catch (error) {
    return rethrowMrnRace(error, input.mrn);
  }
  throw new AppError(
    "conflict",
    held.length === 1
      ? "A patient with a similar name and the same date of birth is already registered. Open that record, or confirm this is a different person."
      : "Patients with a similar name and the same date of birth are already registered. Open one of them, or confirm this is a different person.",
    undefined,
    { matches: held },
  );
}
