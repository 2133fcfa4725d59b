"use client";

// The doctor's side of a review: accept the imaging suggestion or override it with a coded reason, sign,
// and, once signed, add addenda. Every call carries the version the doctor was looking at; if someone else
// acted first the API answers 409, the page says so plainly and reloads the current state, and nothing is
// overwritten. A provisional result (safety answers blank, DATA-01) is completed with the answers first
// ("Complete missing answers" on the page); it is signed as provisional only when the doctor confirms the answers
// truly cannot be obtained and gives a coded reason. The server refuses the signature without both.
// One form per file: decision-form.tsx, sign-form.tsx, addenda.tsx; decision-summary.tsx shows what was decided.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { addAddendum, nextInQueue, recordDecision, signVisit, useVisitAction } from "@/components/api/review";
import { formatDateTime } from "@/lib/contracts/format";
import { useHydrated } from "@/components/use-hydrated";
import { blankReasonText } from "@/lib/contracts/blank-reasons";
import type { TVisitDto } from "@/lib/contracts/wire/visit";
import { Addenda } from "./addenda";
import { DecisionForm } from "./decision-form";
import { DecisionSummary } from "./decision-summary";
import { SignForm } from "./sign-form";

export function DecisionPanel({
  visit,
  unanswered,
  canDecide,
  timeZone,
}: {
  visit: TVisitDto;
  /** the safety questions a provisional result is missing (lib/clinical's unansweredSafetyQuestions) */
  unanswered: readonly { id: string; label: string }[];
  canDecide: boolean;
  timeZone: string;
}) {
  const { failure, done, pending, act } = useVisitAction();
  const [editing, setEditing] = useState(visit.decision === null);
  const alertRef = useRef<HTMLDivElement>(null);
  const ready = useHydrated();
  const suggested = visit.evaluation?.imaging.modality ?? "none";
  const router = useRouter();
  // "Sign and open next" when no other visit is waiting: say so here, with the way back to the queue.
  const [noneWaiting, setNoneWaiting] = useState(false);
  const noneRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (noneWaiting) noneRef.current?.focus();
  }, [noneWaiting]);

  async function sign(data: Parameters<typeof signVisit>[1], mode: "sign" | "next") {
    const result = await act(() => signVisit(visit.id, data), "Visit signed.");
    if (result.ok && mode === "next") {
      const next = await nextInQueue(visit.id);
      if (next.ok && next.body.id) router.push(`/review/${next.body.id}`);
      else setNoneWaiting(true);
    }
    return result;
  }

  // A fresh version from the server (after our action or a refresh) resets the form to the stored state.
  const [seenVersion, setSeenVersion] = useState(visit.version);
  if (seenVersion !== visit.version) {
    setSeenVersion(visit.version);
    setEditing(visit.decision === null && visit.status === "SUBMITTED");
  }

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  const status = (
    <>
      {failure && (
        <div ref={alertRef} tabIndex={-1} role="alert" className="alert">
          {failure}
        </div>
      )}
      <p role="status" className="visually-hidden">
        {done}
      </p>
    </>
  );

  if (visit.status === "SIGNED") {
    return (
      <section className="card decision" aria-labelledby="decision-title">
        <h2 id="decision-title">Decision and sign-off</h2>
        {status}
        {noneWaiting && (
          <p className="notice" role="status">
            Signed. No other unsigned visit is waiting in the queue.{" "}
            <Link ref={noneRef} href="/review">
              Back to the queue
            </Link>
          </p>
        )}
        <DecisionSummary visit={visit} timeZone={timeZone} />
        <p>
          <strong>Signed</strong> by {visit.signedBy ?? "unknown"}
          {visit.signedAt ? (
            <>
              {" "}
              on <time dateTime={visit.signedAt}>{formatDateTime(visit.signedAt, timeZone)}</time>
            </>
          ) : null}
          . The signed record is locked; later remarks are addenda.
        </p>
        {visit.provisionalAcknowledged && (
          <p>
            <strong>Signed as provisional</strong>: {visit.signedBy ?? "the signing doctor"} confirmed the blank safety answers could
            not be obtained{visit.provisionalReason ? ` (${blankReasonText(visit.provisionalReason)})` : ""}.
          </p>
        )}
        <Addenda
          visit={visit}
          timeZone={timeZone}
          canAdd={canDecide}
          ready={ready}
          onAdd={async (data) => (await act(() => addAddendum(visit.id, data), "Addendum added.")).ok}
        />
      </section>
    );
  }

  return (
    <section className="card decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Decision and sign-off</h2>
      {status}
      {!canDecide ? (
        visit.decision ? <DecisionSummary visit={visit} timeZone={timeZone} /> : <p>No decision yet.</p>
      ) : editing ? (
        <DecisionForm
          key={visit.version}
          visit={visit}
          suggested={suggested}
          ready={ready}
          pending={pending}
          onCancel={visit.decision ? () => setEditing(false) : undefined}
          onSubmit={async (data) => (await act(() => recordDecision(visit.id, data), "Decision recorded.")).ok}
        />
      ) : (
        <>
          <DecisionSummary visit={visit} timeZone={timeZone} />
          <SignForm
            key={visit.version}
            visit={visit}
            unanswered={unanswered}
            ready={ready}
            pending={pending}
            onChange={() => setEditing(true)}
            onSign={sign}
          />
          <p className="muted">Signing locks the visit. Later remarks can be added as addenda.</p>
        </>
      )}
    </section>
  );
}
