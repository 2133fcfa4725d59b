import { NextResponse } from "next/server";
import { parseId } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { createSelfIntakeLink, revokeSelfIntakeLink } from "@/lib/server/self-intake/links";

export const dynamic = "force-dynamic";

/** Staff: a one-time link for the patient to answer this draft visit. 201 `{ url, expiresAt }`; earlier links stop working. */
export const POST = apiRoute<{ id: string }>("intake:write", async (request, { user, params }) => {
  return NextResponse.json(await createSelfIntakeLink(user, parseId(params.id, "Visit"), request.url), { status: 201 });
}, { sameOrigin: true });

/** Staff: revoke the visit's open link. 200 `{ revoked }`; 404 when it has none. */
export const DELETE = apiRoute<{ id: string }>("intake:write", async (_request, { user, params }) => {
  return NextResponse.json(await revokeSelfIntakeLink(user, parseId(params.id, "Visit")));
}, { sameOrigin: true });
