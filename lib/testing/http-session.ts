// Sign in over HTTP the way a browser does (next-auth credentials flow), for tools that call the API without
// Playwright's request context (fuzzer, load test, the throttling specs).

/** One credentials sign-in: its status and the cookies it set. `headers` go on the sign-in request (cookie merged). */
export async function credentialsPost(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<{ status: number; setCookies: string[] }> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers, cookie: [csrfCookie, headers.cookie].filter(Boolean).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  return { status: res.status, setCookies: res.headers.getSetCookie() };
}

/** The session cookie of a successful sign-in. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const { status, setCookies } = await credentialsPost(baseUrl, email, password);
  const session = setCookies.map((c) => c.split(";")[0]!).filter((c) => /session-token=/.test(c));
  if (session.length === 0) throw new Error(`sign-in as ${email} failed (status ${status})`);
  return session.join("; ");
}
