import { NextResponse } from "next/server";
import { navigationFor } from "@/lib/auth/permissions";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The signed-in user and what their role may open (any signed-in role). */
export const GET = apiRoute("self:read", async (_request, { user }) =>
  NextResponse.json({ user, navigation: navigationFor(user.role) }),
);
