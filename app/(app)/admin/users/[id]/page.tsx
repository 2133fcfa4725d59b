import type { Metadata } from "next";
import Link from "next/link";
import { ManageUser } from "@/components/admin/manage-user";
import { NewPasswordLink } from "@/components/admin/new-password-link";
import { ResetTwoStep } from "@/components/admin/reset-two-step";
import { formatDateTime } from "@/lib/contracts/format";
import { requirePermission } from "@/lib/auth/guard";
import { ROLE_LABELS } from "@/lib/contracts/roles";
import { env } from "@/lib/env";
import { loadOr404 } from "@/lib/http/load-or-404";
import { twoStepOnFor } from "@/lib/server/account/two-step";
import { getUser } from "@/lib/server/users/get-user";

export const metadata: Metadata = { title: "User account" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("admin:users");
  const { id } = await params;
  const account = await loadOr404(id, "User", (userId) => getUser(user, userId));
  const twoStepOn = await twoStepOnFor(user, account.id);
  const timeZone = env().BACKLINE_TIMEZONE;
  return (
    <>
      <p className="back-link">
        <Link href="/admin">Back to user accounts</Link>
      </p>
      <section className="card patient-header" aria-labelledby="user-name">
        <h1 id="user-name">{account.name}</h1>
        <dl className="facts">
          <div>
            <dt>Email</dt>
            <dd>{account.email}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{ROLE_LABELS[account.role]}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{account.active ? "Active" : "Deactivated"}</dd>
          </div>
          <div>
            <dt>Two-step sign-in</dt>
            <dd>{twoStepOn ? "On" : "Off"}</dd>
          </div>
          <div>
            <dt>Last sign-in</dt>
            <dd>{account.lastSignInAt ? <time dateTime={account.lastSignInAt}>{formatDateTime(account.lastSignInAt, timeZone)}</time> : "Never"}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(account.createdAt, timeZone)}</dd>
          </div>
        </dl>
      </section>
      <ManageUser user={account} isSelf={account.id === user.id} />
      {account.active && account.id !== user.id && <NewPasswordLink userId={account.id} name={account.name} timeZone={timeZone} />}
      {twoStepOn && account.id !== user.id && <ResetTwoStep userId={account.id} name={account.name} />}
    </>
  );
}
