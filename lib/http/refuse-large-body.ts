// The body size check as a response, for a route that does not go through `apiRoute` and reads its body itself
// (next-auth's sign-in, reachable anonymously): a JSON 413 like every other API error, with its id in the log.
import "server-only";
import { bodyTooLarge } from "./body-limit";
import { errorResponse } from "./route";

/** A 413 response when the request's body is over `limit` bytes, else null (the body left unread). */
export async function refuseLargeBody(request: Request, limit: number): Promise<Response | null> {
  const error = await bodyTooLarge(request, limit);
  return error ? errorResponse(error, { method: request.method, path: new URL(request.url).pathname }) : null;
}
