// Cross-site request forgery: a page on another site can make a signed-in user's browser send an HTML form
// (POST, application/x-www-form-urlencoded) to Backline. SameSite=Lax already keeps the session cookie off
// such a request, so it would be anonymous; endpoints that take form posts check where it came from as well,
// and refuse it before anything else happens. Browsers say so in two headers that pages cannot set:
//  - Sec-Fetch-Site (Fetch Metadata: Chrome 76+, Firefox 90+, Safari 16.4+): "same-origin" or not;
//  - Origin, on every POST. Under this app's Referrer-Policy: no-referrer, a browser's own form post carries
//    "Origin: null" (the Fetch standard hides the origin then), so "null" passes only when Sec-Fetch-Site
//    vouches for it; without Fetch Metadata it is refused (a browser that old cannot use the form export).
// Clients that are not browsers (integrations, tests, curl) send neither header, and cannot ride on someone
// else's cookie anyway.

export type TCrossSiteHeader = "Origin" | "Sec-Fetch-Site";

/** The header that shows the request came from another origin than `allowed`, or null if none does. */
export function crossSiteHeader(headers: Headers, allowed: ReadonlySet<string>): TCrossSiteHeader | null {
  const site = headers.get("sec-fetch-site");
  // "same-site" is a sibling host (another subdomain): not this app. "none" is the user's own action.
  if (site !== null && site !== "same-origin" && site !== "none") return "Sec-Fetch-Site";
  const origin = headers.get("origin");
  if (origin === null) return null;
  // "null": this app's own form post under no-referrer, or a sandboxed frame, a data: URL, another site's
  // redirect. Only Fetch Metadata tells them apart.
  if (origin === "null") return site === "same-origin" ? null : "Origin";
  return allowed.has(origin.toLowerCase()) ? null : "Origin";
}

/** The origins the app is reached at: the one this request was addressed to and the configured public URL. */
export function ownOrigins(requestUrl: string, publicUrl: string | undefined): Set<string> {
  const origins = new Set([new URL(requestUrl).origin.toLowerCase()]);
  if (publicUrl) origins.add(new URL(publicUrl).origin.toLowerCase());
  return origins;
}
