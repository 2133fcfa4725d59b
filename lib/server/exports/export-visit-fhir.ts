import "server-only";
import type { Bundle } from "@medplum/fhirtypes";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { visitBundle } from "@/lib/export/fhir/visit-bundle";
import { audit } from "../audit";
import { assertCan } from "../guard";
import { loadVisitSummary } from "./visit-summary";

/** The visit as a FHIR R4 Bundle (collection); audited. */
export async function exportVisitFhir(user: TCurrentUser, id: string): Promise<Bundle> {
  assertCan(user, "export:read");
  const generatedAt = new Date().toISOString();
  const summary = await db().$transaction(async (tx) => {
    const s = await loadVisitSummary(tx, id);
    await audit(tx, {
      actorId: user.id,
      action: "visit.export",
      entityType: "Visit",
      entityId: id,
      patientId: s.patient.id,
      details: { format: "fhir", version: s.visit.version, status: s.visit.status },
    });
    return s;
  });
  return visitBundle(summary, { generatedAt });
}
