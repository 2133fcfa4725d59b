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

/** The signed-in user if their role holds any one of the permissions; otherwise the 403 page. */
export async function requirePermission(...anyOf: [TPermission, ...TPermission[]]): Promise<TCurrentUser> {
  const user = await requireUser();
  if (!anyOf.some((permission) => can(user.role, permission))) forbidden();
  return user;
}
