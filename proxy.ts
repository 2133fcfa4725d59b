// First of three depths of access control: anonymous visitors to pages are sent to sign-in.
// API routes answer 401/403 themselves (JSON, not a redirect), and every page and route
// checks the role again on the server.
import { NextResponse } from "next/server";
import { withAuth } from "next-auth/middleware";
import { decodeCached } from "@/lib/auth/decode-cached";
import { malformedPathResponse } from "@/lib/http/malformed-path";

export default withAuth((req) => malformedPathResponse(req.nextUrl.pathname) ?? NextResponse.next(), {
  pages: { signIn: "/signin" },
  jwt: { decode: decodeCached },
  callbacks: {
    authorized: ({ req, token }) => req.nextUrl.pathname.startsWith("/api/") || token !== null,
  },
});

export const config = {
  matcher: ["/((?!signin|api/auth|api/health|_next/static|_next/image|favicon.ico).*)"],
};
