// The wrapper every API route handler goes through: authenticate, authorise from the
// permission matrix, run, and turn failures into JSON errors without leaking internals.
import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { recordRefusal } from "@/lib/auth/audit-refusal";
import { currentUser, type TCurrentUser } from "@/lib/auth/current-user";
import { can, TWO_STEP_SET_UP_PERMISSIONS, type TPermission } from "@/lib/auth/permissions";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { env } from "@/lib/env";
import { asErrorPage, isFormPost, type TErrorPageLink } from "./error-page";
import { AppError } from "@/lib/contracts/errors";
import { logger } from "@/lib/log";
import { crossSiteHeader, ownOrigins } from "./same-origin";

/**
 * A refused request (403) by a signed-in account is audited: who tried what (method and path: record ids at
 * most). Refused cross-site requests are refused before the session is read; their account is looked up here.
 */
async function auditRefusal(user: TCurrentUser | null | undefined, where: TRequestInfo, request: NextRequest): Promise<void> {
  try {
    const actor = user === undefined ? await currentUser() : user;
    if (!actor) return;
    await recordRefusal(actor, where, request.headers.get("sec-fetch-site"));
  } catch (error) {
    logger.warn("could not audit a refused request", { ...where, error });
  }
}

export interface TRouteContext<P> {
  user: TCurrentUser;
  params: P;
}

/** Where an error happened, for the log line: the method and the path without its query string. */
export interface TRequestInfo {
  method: string;
  path: string;
}

/**
 * Every error response carries an `id` that is also in the server log, so a user's report can be
 * matched to the log line. Only the id, status, code, method and path are logged: the path holds
 * record ids at most (patient data never goes into URLs), and the query string is left out.
 */
export function errorResponse(error: unknown, request?: TRequestInfo): NextResponse {
  const id = randomUUID();
  const where = request ? { method: request.method, path: request.path } : {};
  if (error instanceof AppError) {
    logger.info("request refused", { errorId: id, status: error.status, code: error.code, ...where });
    return NextResponse.json(
      { error: { code: error.code, message: error.message, fields: error.fields, id, ...error.extra } },
      { status: error.status },
    );
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn("database unavailable", { errorId: id, status: 503, ...where });
    return NextResponse.json(
      { error: { code: "unavailable", message: "The database is unavailable. Try again shortly.", id } },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
  logger.error("unhandled error in route", { errorId: id, status: 500, ...where, error });
  return NextResponse.json(
    { error: { code: "internal", message: `Something went wrong (error id ${id}).`, id } },
    { status: 500 },
  );
}

export interface TRouteOptions {
  /**
   * Refuse (403) a request a browser says came from another site (Origin, Sec-Fetch-Site), before the session
   * is even read: for endpoints an HTML form on any site could reach (lib/http/same-origin.ts).
   */
  sameOrigin?: boolean;
  /** Answer errors to an HTML form post as a short page with this link back, instead of JSON (lib/http/error-page.ts). */
  formErrorPage?: TErrorPageLink;
}

/**
 * Every API response may hold patient data, or say something about it: none may be kept by a browser or a
 * proxy cache. Set here once for every route (a route that sets its own no-store keeps its own value).
 */
function noStore(response: Response): Response {
  if (/\bno-store\b/.test(response.headers.get("cache-control") ?? "")) return response;
  try {
    response.headers.set("Cache-Control", "no-store");
    return response;
  } catch {
    // Immutable headers (a fetched or redirect Response): copy them.
    const headers = new Headers(response.headers);
    headers.set("Cache-Control", "no-store");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

export function refuseCrossSite(request: NextRequest): void {
  const header = crossSiteHeader(request.headers, ownOrigins(request.url, env().NEXTAUTH_URL));
  if (header) {
    throw new AppError("forbidden", "This request was sent from another site, so it was refused. Start it from Backline itself.", [
      { field: header, message: "must be this site" },
    ]);
  }
}

/**
 * `permission` is one permission, or a list of which any one suffices (a visit is opened by staff
 * for intake and by clinicians for review).
 */
export function apiRoute<P = Record<string, never>>(
  permission: TPermission | readonly TPermission[],
  handler: (request: NextRequest, context: TRouteContext<P>) => Promise<Response>,
  options: TRouteOptions = {},
) {
  const anyOf: readonly TPermission[] = typeof permission === "string" ? [permission] : permission;
  return async (request: NextRequest, routeContext: { params: Promise<P> }): Promise<Response> => {
    let user: TCurrentUser | null | undefined;
    try {
      if (options.sameOrigin) refuseCrossSite(request);
      user = await currentUser();
      if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
      const signedIn = user;
      if (!anyOf.some((p) => can(signedIn.role, p))) {
        throw new AppError("forbidden", "Your role does not allow this action.");
      }
      // A role that requires two-step sign-in gets nothing else until it is set up.
      if (signedIn.mustSetUpTwoStep && !anyOf.some((p) => TWO_STEP_SET_UP_PERMISSIONS.includes(p))) {
        throw new AppError("two_step_required", "Set up two-step sign-in first (your role requires it): open Backline and follow the steps.");
      }
      return noStore(await handler(request, { user, params: await routeContext.params }));
    } catch (error) {
      const where = { method: request.method, path: request.nextUrl.pathname };
      if (error instanceof AppError && error.status === 403) await auditRefusal(user, where, request);
      const response = noStore(errorResponse(error, where));
      return options.formErrorPage && isFormPost(request) ? asErrorPage(response, options.formErrorPage) : response;
    }
  };
}
