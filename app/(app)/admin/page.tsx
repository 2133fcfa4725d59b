import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/guard";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/server/users/list-users";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const user = await requirePermission("admin:users");
  const users = await listUsers(user);
  return (
    <>
      <h1>Admin</h1>
      <section className="card" aria-labelledby="users-heading">
        <h2 id="users-heading">User accounts</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.active ? "Active" : "Deactivated"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
