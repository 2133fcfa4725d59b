// Cross-site request forgery: a page on another site can make a signed-in user's browser send an HTML form
// (POST, application/x-www-form-urlencoded) to Backline. SameSite=Lax already keeps the session cookie off
// such a request, so it would be anonymous; endpoints that take form posts check where it came from as well,
// and refuse it before anything else happens. Browsers say so in two headers they do not let pages set:
// Sec-Fetch-Site (recent browsers) and Origin (on every POST). Clients that are not browsers (integrations,
// tests, curl) send neither, and cannot ride on someone else's cookie anyway.

export type TCrossSiteHeader = "Origin" | "Sec-Fetch-Site";

/** The header that shows the request came from another origin than `allowed`, or null if none does. */
export function crossSiteHeader(headers: Headers, allowed: ReadonlySet<string>): TCrossSiteHeader | null {
  const site = headers.get("sec-fetch-site");
  // "same-site" is a sibling host (another subdomain): not this app. "none" is the user's own action.
  if (site !== null && site !== "same-origin" && site !== "none") return "Sec-Fetch-Site";
  const origin = headers.get("origin");
  // "null": a sandboxed frame, a data: URL or a privacy-sensitive redirect; never this app's own pages.
  if (origin !== null && !allowed.has(origin.toLowerCase())) return "Origin";
  return null;
}

/** The origins the app is reached at: the one this request was addressed to and the configured public URL. */
export function ownOrigins(requestUrl: string, publicUrl: string | undefined): Set<string> {
  const origins = new Set([new URL(requestUrl).origin.toLowerCase()]);
  if (publicUrl) origins.add(new URL(publicUrl).origin.toLowerCase());
  return origins;
}
