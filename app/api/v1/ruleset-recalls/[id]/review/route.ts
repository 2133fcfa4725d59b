import { NextResponse } from "next/server";
import { AppError } from "@/lib/contracts/errors";
import { parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZRecallReview } from "@/lib/contracts/visit";
import { reviewRulesetRecall } from "@/lib/server/visits/ruleset-recalls";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>("review:decide", async (request, { user, params }) => {
  // Recall entries are numbered; anything else names no entry.
  if (!/^[1-9][0-9]{0,17}$/.test(params.id)) throw new AppError("not_found", "Recall entry not found.");
  return NextResponse.json(await reviewRulesetRecall(user, BigInt(params.id), await parseJsonBody(request, ZRecallReview)));
});
