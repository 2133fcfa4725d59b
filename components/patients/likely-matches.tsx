"use client";

// A registration held back because someone with a similar name and the same date of birth is already registered:
// the likely matches, each one click from its record, and the explicit way on for a different person.
import Link from "next/link";
import type { RefObject } from "react";
import type { TLikelyMatch } from "@/lib/contracts/patient";
import { formatDay, fullName } from "@/lib/contracts/format";

export function LikelyMatches({
  matches,
  pending,
  onConfirm,
  alertRef,
}: {
  matches: TLikelyMatch[];
  pending: boolean;
  /** register anyway, as a different person */
  onConfirm: () => void;
  alertRef: RefObject<HTMLDivElement | null>;
}) {
  const one = matches.length === 1;
  return (
    <div className="alert register-alert likely-matches" role="alert" tabIndex={-1} ref={alertRef} aria-labelledby="likely-matches-heading">
      <h3 id="likely-matches-heading">{one ? "This person may already be registered" : "This person may already be registered more than once"}</h3>
      <p className="alert-text">
        {one ? "A patient" : `${matches.length} patients`} with a similar name and the same date of birth {one ? "is" : "are"} already
        registered. Open the existing record instead of registering the person twice.
      </p>
      <ul className="likely-match-list">
        {matches.map((m) => (
          <li key={m.id}>
            <Link href={`/patients/${m.id}`}>
              Open {fullName(m)}
              <span className="visually-hidden">,</span> <span className="muted">MRN {m.mrn}, born {formatDay(m.birthDate)}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="hint" id="different-person-hint">
        Only if you have checked that none of these is the person in front of you.
      </p>
      <button type="button" className="secondary" onClick={onConfirm} disabled={pending} aria-describedby="different-person-hint">
        {pending ? "Registering…" : "This is a different person: register"}
      </button>
    </div>
  );
}
