import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/route";
import { listDrafts } from "@/lib/server/visits/list-drafts";

export const dynamic = "force-dynamic";

export const GET = apiRoute("intake:write", async (_request, { user }) => NextResponse.json({ rows: await listDrafts(user) }));
