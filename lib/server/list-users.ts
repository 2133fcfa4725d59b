import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

export async function listUsers(user: TCurrentUser) {
  if (!can(user.role, "admin:users")) throw new AppError("forbidden", "Your role does not allow this action.");
  return db().user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, active: true, createdAt: true },
  });
}
