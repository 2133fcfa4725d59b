import { NextResponse } from "next/server";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZUserUpdate } from "@/lib/contracts/users";
import { getUser } from "@/lib/server/users/get-user";
import { updateUser } from "@/lib/server/users/update-user";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>("admin:users", async (_request, { user, params }) =>
  NextResponse.json(await getUser(user, parseId(params.id, "User"))),
);

/** `{ role?, active? }`: change the role, deactivate or reactivate. */
export const PATCH = apiRoute<{ id: string }>("admin:users", async (request, { user, params }) => {
  const id = parseId(params.id, "User");
  return NextResponse.json(await updateUser(user, id, await parseJsonBody(request, ZUserUpdate)));
});
