import { NextResponse } from "next/server";
import { parseId } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { getPatient } from "@/lib/server/patients/get-patient";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>("patient:read", async (_request, { user, params }) =>
  NextResponse.json(await getPatient(user, parseId(params.id, "Patient"))),
);
