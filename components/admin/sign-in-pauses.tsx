// Who cannot sign in right now because of failed attempts: a colleague locked out by typos, or someone guessing.
import Link from "next/link";
import { formatDateTime } from "@/lib/contracts/format";
import type { TSignInPauses } from "@/lib/contracts/wire/users";

export function SignInPauses({ pauses, timeZone }: { pauses: TSignInPauses; timeZone: string }) {
  const { accounts, addresses, everywhere, windowMinutes } = pauses;
  const sprayed = everywhere.failures >= everywhere.limit;
  return (
    <section className="card" aria-labelledby="pauses-heading">
      <h2 id="pauses-heading">Sign-in pauses</h2>
      <p className="muted">
        Failed sign-ins in the last {windowMinutes} minutes: {everywhere.failures} (the limit for all accounts together is {everywhere.limit}).
        A browser that signed in to an account before is never paused by other people&apos;s attempts.
      </p>
      {sprayed && (
        <p className="alert" role="status">
          Too many failed sign-ins across all accounts: only browsers that signed in before can sign in until the oldest failures are{" "}
          {windowMinutes} minutes old.
        </p>
      )}
      {accounts.length === 0 && addresses.length === 0 ? (
        <p>No account or address is paused.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Accounts and addresses paused or at their limit</caption>
          <thead>
            <tr>
              <th scope="col">Account or address</th>
              <th scope="col">Failed attempts</th>
              <th scope="col">Paused until</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a, i) => (
              <tr key={`a-${a.userId ?? i}`}>
                <td>{a.userId ? <Link href={`/admin/users/${a.userId}`}>{a.name} ({a.email})</Link> : "An email no account has"}</td>
                <td>{a.failures}</td>
                <td>{a.pausedUntil ? <time dateTime={a.pausedUntil}>{formatDateTime(a.pausedUntil, timeZone)}</time> : "Not paused (the next failure pauses it)"}</td>
              </tr>
            ))}
            {addresses.map((a) => (
              <tr key={`ip-${a.address}`}>
                <td>Address {a.address}</td>
                <td>{a.failures}</td>
                <td>
                  <time dateTime={a.until}>{formatDateTime(a.until, timeZone)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
