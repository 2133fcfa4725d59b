// An HTML form post is a browser navigation: an error answered as JSON would replace the page with raw JSON.
// Endpoints that take form posts (the queue's CSV download) answer their errors to such requests as a short
// page instead: same status, the message and error id (never patient data: AppError messages hold none), and a
// way back. No script and no style attribute, so the CSP set by proxy.ts needs nothing extra.
import { mediaTypeOf } from "./parse";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Is this request an HTML form post (rather than a fetch with a JSON body)? */
export function isFormPost(request: Request): boolean {
  return request.method === "POST" && mediaTypeOf(request) === "application/x-www-form-urlencoded";
}

export interface TErrorPageLink {
  href: string;
  label: string;
}

/** The JSON error `response` as an HTML page with the same status and headers (Retry-After included). */
export async function asErrorPage(response: Response, back: TErrorPageLink): Promise<Response> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: unknown; id?: unknown; fields?: { field: string; message: string }[] } } | null;
  const message = typeof body?.error?.message === "string" ? body.error.message : `The request failed (${response.status}).`;
  const id = typeof body?.error?.id === "string" ? body.error.id : null;
  const fields = Array.isArray(body?.error?.fields) ? body.error.fields : [];
  const signIn = response.status === 401;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>That did not work - Backline</title></head>
<body>
<main>
<h1>That did not work</h1>
<p>${escape(message)}</p>
${fields.length ? `<ul>${fields.map((f) => `<li>${escape(String(f.field))}: ${escape(String(f.message))}</li>`).join("")}</ul>` : ""}
${id ? `<p>Error id: <code>${escape(id)}</code></p>` : ""}
<p><a href="${escape(signIn ? `/signin?callbackUrl=${encodeURIComponent(back.href)}` : back.href)}">${escape(signIn ? "Sign in again" : back.label)}</a></p>
</main>
</body>
</html>
`;
  const headers = new Headers(response.headers);
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  headers.delete("Content-Length");
  return new Response(html, { status: response.status, headers });
}
