import { NextResponse, type NextRequest } from "next/server";
import { parseJsonBody } from "@/lib/http/parse";
import { errorResponse } from "@/lib/http/route";
import { ZSetPassword } from "@/lib/contracts/users";
import { checkSetPasswordLink, redeemSetPasswordLink } from "@/lib/server/users/set-password-link";

export const dynamic = "force-dynamic";

/**
 * Public: the link's token is the authority (nobody is signed in yet). JSON only, so no other site's form can
 * post here. `{ token }`: whose link it is and until when (`{ name, email, expiresAt }`); `{ token, password }`:
 * set the password, which uses the link up (`{ ok: true }`). A link that does not work is a 404 naming `token`.
 */
export async function POST(request: NextRequest): Promise<Response> {
  try {
    const { token, password } = await parseJsonBody(request, ZSetPassword);
    if (password === undefined) return NextResponse.json(await checkSetPasswordLink(token), { headers: { "Cache-Control": "no-store" } });
    await redeemSetPasswordLink(token, password);
    return NextResponse.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const response = errorResponse(error, { method: request.method, path: request.nextUrl.pathname });
    response.headers.set("Cache-Control", "no-store");
    return response;
  }
}
