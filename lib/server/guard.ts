import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { can, type TPermission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/contracts/errors";

/** Domain operations re-check the role themselves, whoever calls them. */
export function assertCan(user: TCurrentUser, ...anyOf: TPermission[]): void {
  if (!anyOf.some((p) => can(user.role, p))) {
    throw new AppError("forbidden", "Your role does not allow this action.");
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
