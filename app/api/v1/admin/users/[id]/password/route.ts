import { NextResponse } from "next/server";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZPasswordReset } from "@/lib/contracts/users";
import { resetPassword } from "@/lib/server/users/reset-password";

export const dynamic = "force-dynamic";

/** `{ password }`: set a new password; the account's open sessions end. */
export const POST = apiRoute<{ id: string }>("admin:users", async (request, { user, params }) => {
  const id = parseId(params.id, "User");
  const { password } = await parseJsonBody(request, ZPasswordReset);
  await resetPassword(user, id, password);
  return NextResponse.json({ ok: true });
});
