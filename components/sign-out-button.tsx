// Sign-out as a plain form post to next-auth's endpoint (it works before hydration too); a small client handler
// (sign-out-form.tsx) first removes the intake drafts kept in this browser. next-auth checks the double-submit
// CSRF token, which it keeps in a cookie set at sign-in.
import { cookies } from "next/headers";
import { SignOutForm, SignOutLink } from "./sign-out-form";

const CSRF_COOKIES = ["__Host-next-auth.csrf-token", "next-auth.csrf-token"];

export async function SignOutButton() {
  const jar = await cookies();
  const raw = CSRF_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  const csrfToken = raw ? decodeURIComponent(raw).split("|")[0] : undefined;
  if (!csrfToken) {
    // No token cookie (unusual): next-auth's own sign-out page asks for confirmation instead.
    return <SignOutLink>Sign out</SignOutLink>;
  }
  return (
    <SignOutForm>
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value="/signin" />
      <button type="submit" className="secondary">
        Sign out
      </button>
    </SignOutForm>
  );
}
