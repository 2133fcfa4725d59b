import Link from "next/link";
import { connection } from "next/server";

// Rendered per request, like every other page, so its scripts carry the request's CSP nonce.
export default async function NotFound() {
  await connection();
  return (
    <main id="main">
      <h1>Page not found</h1>
      <p>
        <Link href="/">Back to your home page</Link>
      </p>
    </main>
  );
}
