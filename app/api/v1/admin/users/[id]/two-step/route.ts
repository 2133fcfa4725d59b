import { NextResponse } from "next/server";
import { parseId } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { resetTwoStep } from "@/lib/server/account/two-step";

export const dynamic = "force-dynamic";

/** Reset someone's two-step sign-in (a lost phone): it is off, their sessions end, and they set it up again. */
export const DELETE = apiRoute<{ id: string }>("admin:users", async (_request, { user, params }) => {
  await resetTwoStep(user, parseId(params.id, "User"));
  return NextResponse.json({ reset: true });
});
