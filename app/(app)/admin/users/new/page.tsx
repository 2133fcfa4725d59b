import type { Metadata } from "next";
import Link from "next/link";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { requirePermission } from "@/lib/auth/guard";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Add a user" };

export default async function NewUserPage() {
  await requirePermission("admin:users");
  return (
    <>
      <p className="back-link">
        <Link href="/admin">Back to user accounts</Link>
      </p>
      <h1 id="new-user-heading">Add a user</h1>
      <section className="card">
        <CreateUserForm timeZone={env().BACKLINE_TIMEZONE} />
      </section>
    </>
  );
}
