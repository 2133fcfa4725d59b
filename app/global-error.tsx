"use client";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main id="main" style={{ padding: "2rem", fontFamily: "system-ui, sans-serif" }}>
          <h1>Backline is unavailable</h1>
          <p>The application could not load. Wait a moment, then try again.</p>
          {error.digest && <p>Error reference: {error.digest}</p>}
          <button type="button" onClick={reset}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
