import { NextResponse } from "next/server";
import { z } from "zod";
import { parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { startTwoStep, twoStepStatus } from "@/lib/server/account/two-step";

export const dynamic = "force-dynamic";

const ZStart = z.strictObject({ password: z.string({ error: "password is required: your current password" }).min(1, "password is required: your current password").max(1024) });

/** Whether two-step sign-in is on: `{ enabled, enabledAt, required, recoveryCodesLeft }`. */
export const GET = apiRoute("self:mfa", async (_request, { user }) => NextResponse.json(await twoStepStatus(user)));

/** Start setting it up: `{ password }` → `{ secret, otpauthUrl, qrSvg }` (pending until POST …/confirm). */
export const POST = apiRoute("self:mfa", async (request, { user }) => {
  const { password } = await parseJsonBody(request, ZStart);
  return NextResponse.json(await startTwoStep(user, password));
});
