// The wrapper every API route handler goes through: authenticate, authorise from the
// permission matrix, run, and turn failures into JSON errors without leaking internals.
import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { currentUser, type TCurrentUser } from "@/lib/auth/current-user";
import { can, type TPermission } from "@/lib/auth/permissions";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { AppError } from "./errors";
import { logger } from "./logger";

export interface TRouteContext<P> {
  user: TCurrentUser;
  params: P;
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, fields: error.fields, ...error.extra } },
      { status: error.status },
    );
  }
  const id = randomUUID();
  if (isDatabaseUnavailable(error)) {
    logger.warn("database unavailable", { errorId: id });
    return NextResponse.json(
      { error: { code: "unavailable", message: "The database is unavailable. Try again shortly.", id } },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
  logger.error("unhandled error in route", { errorId: id, error });
  return NextResponse.json(
    { error: { code: "internal", message: `Something went wrong (error id ${id}).`, id } },
    { status: 500 },
  );
}

export function apiRoute<P = Record<string, never>>(
  permission: TPermission,
  handler: (request: NextRequest, context: TRouteContext<P>) => Promise<Response>,
) {
  return async (request: NextRequest, routeContext: { params: Promise<P> }): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
      if (!can(user.role, permission)) {
        throw new AppError("forbidden", "Your role does not allow this action.");
      }
      return await handler(request, { user, params: await routeContext.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
