// A path with broken percent-encoding (`/api/v1/visits/%E0%A4%A`) makes Next's router fail while
// decoding route params, and it answers a bare 500. proxy.ts catches such paths first and answers 400.
import { NextResponse } from "next/server";

export function isMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function malformedPathResponse(pathname: string): NextResponse | null {
  if (!isMalformedPath(pathname)) return null;
  if (pathname.startsWith("/api/")) {
    return NextResponse.json(
      { error: { code: "bad_request", message: "The address is not valid.", fields: [{ field: "(path)", message: "must be correctly percent-encoded" }] } },
      { status: 400 },
    );
  }
  return new NextResponse("Bad request: the address is not valid.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
