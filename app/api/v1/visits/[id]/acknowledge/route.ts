import { NextResponse } from "next/server";
import { parseId } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { acknowledgeAlert } from "@/lib/server/safety/alerts";

export const dynamic = "force-dynamic";

/**
 * "I'm on it": the clinician takes the visit's open alert, once. 409 with who took it and when if someone else
 * already did. No body is needed (any is ignored); refused when a browser says it came from another site.
 */
export const POST = apiRoute<{ id: string }>(
  "review:decide",
  async (_request, { user, params }) => {
    const id = parseId(params.id, "Visit");
    return NextResponse.json({ alert: await acknowledgeAlert(user, id) });
  },
  { sameOrigin: true },
);
