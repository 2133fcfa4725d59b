// The patient screens' calls: search (the text in a POST body, never a URL), register, start a visit. Each returns
// the client's result (components/api/client.ts); what a failure means for the screen is the caller's decision.
import type { TLikelyMatch, TPatientData } from "@/lib/contracts/patient";
import type { TPatientDto } from "@/lib/contracts/wire/patient";
import { asFailure, postJson, type TApiError, type TApiResult } from "./client";

/** A row of the patient list, as the finder shows it. */
export type TPatientRow = Pick<TPatientDto, "id" | "mrn" | "givenName" | "familyName" | "birthDate"> & { sex: string };

export interface TPatientPage {
  rows: TPatientRow[];
  total: number;
}

function isPatientPage(body: unknown): body is TPatientPage {
  const b = body as { rows?: unknown; total?: unknown } | null;
  return !!b && Array.isArray(b.rows) && typeof b.total === "number";
}

/**
 * One page of the patient list, filtered by name or MRN. The search text goes in the request body, never in a URL
 * (not even the API's: proxies log those). An answer that is not a page is a failure with the answer's status.
 */
export async function searchPatients(query: { q: string; page: number; pageSize: number }, signal: AbortSignal): Promise<TApiResult<TPatientPage>> {
  const result = await postJson("/api/v1/patients/search", query, { signal });
  return result.ok && isPatientPage(result.body) ? { ...result, body: result.body } : asFailure(result);
}

/** The id in a 201 answer that created a record, if there is one. */
export function createdId(result: TApiResult<unknown>): string | null {
  const body = result.ok ? (result.body as { id?: unknown } | null) : null;
  return result.status === 201 && body && typeof body.id === "string" ? body.id : null;
}

/**
 * Register a patient; a 201 carries the new record's id. `confirmDistinct: true` says the likely matches of an
 * earlier 409 were seen and this is someone else.
 */
export const registerPatient = (data: TPatientData) => postJson("/api/v1/patients", data);

/** On a 409 for a duplicate MRN: the record that already has it. */
export function existingPatientOf(error: TApiError): { id: string } | undefined {
  return (error.existing as { id: string } | undefined) || undefined;
}

/** On a 409 for a likely duplicate (similar name, same date of birth): the registered patients it may be. */
export function likelyMatchesOf(error: TApiError): TLikelyMatch[] | undefined {
  const matches = error.matches;
  if (!Array.isArray(matches) || matches.length === 0) return undefined;
  return matches.filter(
    (m): m is TLikelyMatch =>
      !!m && typeof m === "object" && ["id", "mrn", "givenName", "familyName", "birthDate"].every((k) => typeof (m as Record<string, unknown>)[k] === "string"),
  );
}

/** Start a DRAFT visit for the patient; a 201 carries the visit's id. */
export const startVisit = (patientId: string) => postJson("/api/v1/visits", { patientId });
