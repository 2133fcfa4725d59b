import { NextResponse } from "next/server";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZPatientInput, ZPatientSearch } from "@/lib/schemas/patient";
import { createPatient } from "@/lib/server/patients/create-patient";
import { searchPatients } from "@/lib/server/patients/search-patients";

export const dynamic = "force-dynamic";

export const GET = apiRoute("patient:read", async (request, { user }) =>
  NextResponse.json(await searchPatients(user, parseQuery(request, ZPatientSearch))),
);

export const POST = apiRoute("patient:write", async (request, { user }) => {
  const patient = await createPatient(user, await parseJsonBody(request, ZPatientInput));
  return NextResponse.json(patient, { status: 201 });
});
