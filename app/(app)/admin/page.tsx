import type { Metadata } from "next";
import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { requirePermission } from "@/lib/auth/guard";
import { formatDateTime } from "@/lib/contracts/format";
import { ROLE_LABELS } from "@/lib/contracts/roles";
import { SignInPauses } from "@/components/admin/sign-in-pauses";
import { env } from "@/lib/env";
import { listSignInPauses } from "@/lib/server/users/sign-in-pauses";
import { listUsers } from "@/lib/server/users/list-users";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const user = await requirePermission("admin:users");
  const [users, pauses] = await Promise.all([listUsers(user), listSignInPauses(user)]);
  const timeZone = env().BACKLINE_TIMEZONE;
  return (
    <>
      <h1>Admin</h1>
      <AdminNav role={user.role} current="/admin" />
      <section className="card" aria-labelledby="users-heading">
        <div className="page-actions">
          <h2 id="users-heading">User accounts</h2>
          <Link className="button" href="/admin/users/new">
            Add a user
          </Link>
        </div>
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.active ? "Active" : "Deactivated"}</td>
                <td>{u.lastSignInAt ? <time dateTime={u.lastSignInAt}>{formatDateTime(u.lastSignInAt, timeZone)}</time> : "Never"}</td>
                <td>
                  <Link href={`/admin/users/${u.id}`}>
                    Manage<span className="visually-hidden"> {u.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <SignInPauses pauses={pauses} timeZone={timeZone} />
    </>
  );
}
