import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZPatientSearchBody } from "@/lib/contracts/patient";
import { searchPatients } from "@/lib/server/patients/search-patients";

export const dynamic = "force-dynamic";

/**
 * A read, but a POST: the search text is a patient's name or MRN, and patient data stays out of URLs (and so
 * out of proxy logs and browser history). Body `{ q?, page?, pageSize? }`; the answer and the audit row are
 * those of GET /api/v1/patients.
 */
export const POST = apiRoute(
  "patient:read",
  async (request, { user }) => NextResponse.json(await searchPatients(user, await parseJsonBody(request, ZPatientSearchBody))),
  { sameOrigin: true },
);
