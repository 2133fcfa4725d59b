// Sign-out as a plain form post to next-auth's endpoint: no client JavaScript needed on every page.
// next-auth checks the double-submit CSRF token, which it keeps in a cookie set at sign-in.
import { cookies } from "next/headers";

const CSRF_COOKIES = ["__Host-next-auth.csrf-token", "next-auth.csrf-token"];

export async function SignOutButton() {
  const jar = await cookies();
  const raw = CSRF_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  const csrfToken = raw ? decodeURIComponent(raw).split("|")[0] : undefined;
  if (!csrfToken) {
    // No token cookie (unusual): next-auth's own sign-out page asks for confirmation instead.
    return (
      // A full page load of next-auth's own page, not a client-side route: <Link> does not apply.
      // eslint-disable-next-line @next/next/no-html-link-for-pages
      <a className="button secondary" href="/api/auth/signout">
        Sign out
      </a>
    );
  }
  return (
    <form action="/api/auth/signout" method="post">
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value="/signin" />
      <button type="submit" className="secondary">
        Sign out
      </button>
    </form>
  );
}
