import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main">
      <h1>You do not have access to this page</h1>
      <p>Your role does not include this part of Backline. If you need it, ask a Backline administrator.</p>
      <p>
        <Link href="/">Back to your home page</Link>
      </p>
    </main>
  );
}
