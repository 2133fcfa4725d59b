import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { currentUser } from "@/lib/auth/current-user";
import { SignInForm } from "@/components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const user = await currentUser().catch(() => null);
  if (user) redirect("/");
  return (
    <main className="signin" id="main">
      <h1>Sign in to Backline</h1>
      <div className="card">
        <SignInForm callbackUrl={safeCallbackPath(params.callbackUrl)} />
      </div>
    </main>
  );
}
