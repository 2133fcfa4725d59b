// Where to go after signing in: only a path on this site (no open redirect). Used by the sign-in page on the
// server and again by the sign-in form just before it navigates, so neither trusts the other.
//
// The value is normalised the way a browser will read it (dot segments, backslashes, percent-encoded dots), and
// the *result* is checked again: "/.//evil.example" normalises to "//evil.example", which a browser reads as
// another site (protocol-relative). So the result must be one slash followed by something that is not a slash
// or backslash, and parsing it again must still land on this site.
const BASE = "http://backline.invalid";

function sameSitePath(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}`;
  if (!/^\/(?![/\\])/.test(path)) return null;
  return path;
}

export function safeCallbackPath(raw: unknown): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2048) return "/";
  // Twice: what a path normalises to must itself be a same-site path that normalises to itself.
  const once = sameSitePath(value);
  const twice = once === null ? null : sameSitePath(once);
  if (once === null || twice !== once) return "/";
  // Back to the sign-in page would loop; the API answers JSON, not a page.
  if (/^\/(signin|api)(\/|\?|$)/i.test(once)) return "/";
  return once;
}
