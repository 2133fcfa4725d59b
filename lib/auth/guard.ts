// The page-side half of authorisation: server components call `requirePermission` first.
import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { logger } from "@/lib/log";
import { recordRefusal } from "./audit-refusal";
import { currentUser, type TCurrentUser } from "./current-user";
import { can, TWO_STEP_SET_UP_PERMISSIONS, type TPermission } from "./permissions";

/** The signed-in user, or the sign-in page. One who must still set up two-step sign-in goes to its page instead. */
export async function requireUser(options: { settingUpTwoStep?: boolean } = {}): Promise<TCurrentUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  if (user.mustSetUpTwoStep && !options.settingUpTwoStep) redirect("/account/two-step");
  return user;
}

/** The signed-in user if their role holds any one of the permissions; otherwise the 403 page. */
export async function requirePermission(...anyOf: [TPermission, ...TPermission[]]): Promise<TCurrentUser> {
  // The two-step set-up page is the one page an account that must still set it up may open.
  const user = await requireUser({ settingUpTwoStep: anyOf.every((p) => TWO_STEP_SET_UP_PERMISSIONS.includes(p)) });
  if (!anyOf.some((permission) => can(user.role, permission))) {
    // proxy.ts passes the page's path along (record ids at most).
    // Only a plain path: a request proxy.ts did not see (a prefetch) could carry its own header.
    const sent = (await headers()).get("x-backline-path") ?? "";
    const path = /^\/[\w\-./]{0,200}$/.test(sent) ? sent : "(page)";
    await recordRefusal(user, { method: "GET", path }).catch((error: unknown) => logger.warn("could not audit a refused page", { path, error }));
    forbidden();
  }
  return user;
}
