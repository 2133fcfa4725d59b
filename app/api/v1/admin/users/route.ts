import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZUserCreate } from "@/lib/contracts/users";
import { createUser } from "@/lib/server/users/create-user";
import { listUsers } from "@/lib/server/users/list-users";
import { setPasswordUrl } from "@/lib/server/users/set-password-link";

export const dynamic = "force-dynamic";

export const GET = apiRoute("admin:users", async (_request, { user }) => NextResponse.json({ rows: await listUsers(user) }));

/**
 * `{ name, email, role, password? }`. With a password: the account (201). Without: `{ user, setPasswordUrl,
 * expiresAt }` (201), a one-time link for the person to choose their own password.
 */
export const POST = apiRoute("admin:users", async (request, { user }) => {
  const created = await createUser(user, await parseJsonBody(request, ZUserCreate));
  if (!("link" in created)) return NextResponse.json(created, { status: 201 });
  return NextResponse.json({ user: created.user, ...setPasswordUrl(created.link, request.url, env().NEXTAUTH_URL) }, { status: 201 });
});
