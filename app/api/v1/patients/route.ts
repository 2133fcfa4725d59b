import { NextResponse } from "next/server";
import { parseJsonBody, parseQuery, refuseInQuery } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZPatientInput, ZPatientSearch } from "@/lib/contracts/patient";
import { registerPatient } from "@/lib/server/patients/register-patient";
import { searchPatients } from "@/lib/server/patients/search-patients";

export const dynamic = "force-dynamic";

/**
 * The patient list, `?page=&pageSize=`. A search by name or MRN is patient data and never goes into a URL
 * (proxies and browser history record query strings): `q` here is a 400 naming it; POST /patients/search takes it.
 */
export const GET = apiRoute("patient:read", async (request, { user }) => {
  refuseInQuery(request, "q", "POST /api/v1/patients/search");
  return NextResponse.json(await searchPatients(user, parseQuery(request, ZPatientSearch)));
});

/**
 * Register a patient. 409 when the MRN is taken (`existing`), or when a patient with a similar name and the same date
 * of birth is registered (`matches`: id, MRN, names, birth date), unless the body has `confirmDistinct: true`.
 */
export const POST = apiRoute("patient:write", async (request, { user }) => {
  const patient = await registerPatient(user, await parseJsonBody(request, ZPatientInput));
  return NextResponse.json(patient, { status: 201 });
});
