import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { SignInForm } from "@/components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths may be returned to after sign-in (no open redirects). */
function safeCallback(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return "/";
  try {
    const url = new URL(raw, "http://backline.invalid");
    if (url.origin !== "http://backline.invalid" || url.pathname.startsWith("/signin")) return "/";
    return `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}

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
        <SignInForm callbackUrl={safeCallback(params.callbackUrl)} />
      </div>
    </main>
  );
}
