import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZAuditSearch } from "@/lib/contracts/audit";
import { searchAudit } from "@/lib/server/audit-log/search-audit";

export const dynamic = "force-dynamic";

/**
 * A read, but a POST: the patient filter may be an MRN, and patient data stays out of URLs (and so out
 * of proxy and browser logs). Body `{ actorId?, action?, patient?, from?, to?, page?, pageSize? }`.
 */
export const POST = apiRoute("admin:audit", async (request, { user }) =>
  NextResponse.json(await searchAudit(user, await parseJsonBody(request, ZAuditSearch))),
);
