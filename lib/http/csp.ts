// The Content-Security-Policy, per request (proxy.ts): scripts run only with this response's nonce
// (Next.js stamps it on its own scripts), so an injected inline <script> or event handler does not.
// 'strict-dynamic' lets those scripts load the app's chunks. Development adds what React's dev
// tooling needs (eval for stack traces, inline styles from hot reloading, the reload websocket).

export function contentSecurityPolicy(nonce: string, development: boolean): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/**
 * Strict-Transport-Security for an app served over https (browsers then refuse plain http to it for a year);
 * null over http, where browsers ignore it anyway and a development machine must not be pinned to https.
 */
export function strictTransportSecurity(publicUrl: string | undefined): string | null {
  return publicUrl?.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null;
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}
