import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZPasswordChange } from "@/lib/contracts/users";
import { resetPassword } from "@/lib/server/users/reset-password";
import { issueSetPasswordLink, setPasswordUrl } from "@/lib/server/users/set-password-link";

export const dynamic = "force-dynamic";

/**
 * `{ password }`: set a new password; the account's open sessions end. `{ link: true }`: a one-time set-password
 * link instead, `{ setPasswordUrl, expiresAt }` (the current password works until the link is used).
 */
export const POST = apiRoute<{ id: string }>("admin:users", async (request, { user, params }) => {
  const id = parseId(params.id, "User");
  const change = await parseJsonBody(request, ZPasswordChange);
  if ("link" in change) return NextResponse.json(setPasswordUrl(await issueSetPasswordLink(user, id), request.url, env().NEXTAUTH_URL));
  await resetPassword(user, id, change.password);
  return NextResponse.json({ ok: true });
});
