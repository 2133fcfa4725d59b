import { sessionClaims } from "@/lib/auth/session-token";
import { AppError } from "@/lib/contracts/errors";
import { apiRoute } from "@/lib/http/route";
import { openEventStream, parseLastEventId } from "@/lib/server/safety/stream";

export const dynamic = "force-dynamic";

/**
 * Server-Sent Events: every submit, amendment, decision, sign and alert change (ids, kind and urgency only).
 * Clinicians get all events, staff those of visits they submitted. Reconnecting clients send Last-Event-ID
 * (EventSource does so by itself) and first receive what they missed.
 */
export const GET = apiRoute(["review:read", "intake:write"], async (request, { user }) => {
  // EventSource sends the header by itself on reconnecting; the query parameter is for clients that cannot set it.
  const lastEventId = parseLastEventId(request.headers.get("last-event-id") ?? request.nextUrl.searchParams.get("lastEventId"));
  const claims = await sessionClaims();
  if (!claims) throw new AppError("unauthenticated", "Sign in to continue.");
  const stream = await openEventStream(user, { lastEventId, signal: request.signal, session: claims });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: never compressed or buffered on the way, so each event leaves at once.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    },
  });
});
