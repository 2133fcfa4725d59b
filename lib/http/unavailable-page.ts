// The page a signed-in user gets while the database is down (proxy.ts, lib/db/reachable.ts): 503 with
// Retry-After, so browsers, proxies and monitors see "try again later", not a server bug. Plain HTML with no
// script or style, so it needs nothing from the app; "Try again" reloads the address the user asked for.
import { NextResponse } from "next/server";
import { DATABASE_DOWN_MESSAGE, DATABASE_DOWN_TITLE } from "./database-down-text";

const RETRY_AFTER_SECONDS = "5";

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${DATABASE_DOWN_TITLE}</title>
</head>
<body>
<main id="main">
<h1>${DATABASE_DOWN_TITLE}</h1>
<p>${DATABASE_DOWN_MESSAGE}</p>
<p><a href="">Try again</a></p>
</main>
</body>
</html>
`;

export function databaseUnavailablePage(): NextResponse {
  return new NextResponse(HTML, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": RETRY_AFTER_SECONDS, "Cache-Control": "no-store" },
  });
}
