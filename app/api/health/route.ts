import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  const ok = health.status === "ok";
  return NextResponse.json(health, {
    status: ok ? 200 : 503,
    headers: ok ? { "Cache-Control": "no-store" } : { "Cache-Control": "no-store", "Retry-After": "5" },
  });
}
