// The page-side half of authorisation: server components call `requirePermission` first.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import { currentUser, type TCurrentUser } from "./current-user";
import { can, type TPermission } from "./permissions";

export async function requireUser(): Promise<TCurrentUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user;
}

export async function requirePermission(permission: TPermission): Promise<TCurrentUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) forbidden();
  return user;
}
