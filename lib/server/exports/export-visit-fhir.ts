import "server-only";
import type { Bundle } from "@medplum/fhirtypes";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { visitBundle } from "@/lib/export/fhir/visit-bundle";
import { loadSummaryForExport } from "./visit-summary";

/** The visit as a FHIR R4 Bundle (collection); audited. */
export async function exportVisitFhir(user: TCurrentUser, id: string): Promise<Bundle> {
  const generatedAt = new Date().toISOString();
  return visitBundle(await loadSummaryForExport(user, id, "fhir"), { generatedAt });
}
