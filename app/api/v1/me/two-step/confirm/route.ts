import { NextResponse } from "next/server";
import { z } from "zod";
import { parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { confirmTwoStep } from "@/lib/server/account/two-step";

export const dynamic = "force-dynamic";

const ZConfirm = z.strictObject({ code: z.string({ error: "code is required: the 6 digits your app shows" }).max(20) });

/** `{ code }` from the app turns two-step sign-in on → `{ recoveryCodes }`, shown this once. */
export const POST = apiRoute("self:mfa", async (request, { user }) => {
  const { code } = await parseJsonBody(request, ZConfirm);
  return NextResponse.json(await confirmTwoStep(user, code));
});
