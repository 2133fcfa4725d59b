import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZUserCreate } from "@/lib/contracts/users";
import { createUser } from "@/lib/server/users/create-user";
import { listUsers } from "@/lib/server/users/list-users";

export const dynamic = "force-dynamic";

export const GET = apiRoute("admin:users", async (_request, { user }) => NextResponse.json({ rows: await listUsers(user) }));

export const POST = apiRoute("admin:users", async (request, { user }) =>
  NextResponse.json(await createUser(user, await parseJsonBody(request, ZUserCreate)), { status: 201 }),
);
