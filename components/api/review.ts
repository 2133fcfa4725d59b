// The doctor's calls (decide, sign, addendum, "I'm on it", the ruleset change review list) and
// the hooks that hold what a screen shows while one runs. Every call on a visit carries the version the doctor was
// looking at: a 409 means someone else acted first, and the page reloads the current state.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import type { TSign, ZAddendum, ZDecision } from "@/lib/contracts/visit";
import { getJson, postJson, versionConflict, type TApiFailure, type TApiResult } from "./client";

type TDecision = z.output<typeof ZDecision>;
type TAddendum = z.output<typeof ZAddendum>;

export const recordDecision = (visitId: string, body: TDecision) => postJson(`/api/v1/visits/${visitId}/decision`, body);
export const signVisit = (visitId: string, body: TSign) => postJson(`/api/v1/visits/${visitId}/sign`, body);
export const addAddendum = (visitId: string, body: TAddendum) => postJson(`/api/v1/visits/${visitId}/addenda`, body);

/** "Mark as reviewed" for one entry of the Ruleset change review list; the note only when there is one. */
export function reviewRecall(recallId: string, note: string) {
  const text = note.trim();
  return postJson(`/api/v1/ruleset-recalls/${recallId}/review`, text ? { note: text } : {});
}

/** "I'm on it": take a visit's open alert. Resolves to why it did not work, or null. */
export async function acknowledgeAlert(visitId: string): Promise<string | null> {
  const result = await postJson(`/api/v1/visits/${visitId}/acknowledge`, {});
  return result.ok ? null : (result.error.message ?? "That did not work. Try again.");
}

/** "I'm on it" on a screen: the last failure to show; `after` (a refresh) runs whether it worked or not. */
export function useAcknowledge(after: () => void) {
  const [failure, setFailure] = useState<string | null>(null);
  async function acknowledge(visitId: string) {
    setFailure(null);
    const failed = await acknowledgeAlert(visitId);
    if (failed) setFailure(failed);
    after();
  }
  return { failure, acknowledge };
}

/** Words for a failed call on a visit; a 409 also tells what the visit is now. */
function failureText(result: TApiFailure): string {
  if (result.status === 409) {
    const current = versionConflict(result);
    const now = current ? ` It is now at version ${current.version} (${current.status.toLowerCase()}).` : "";
    return `Another clinician changed this visit after you opened it, so your action was not saved.${now} The page now shows the current state: check it before acting again.`;
  }
  if (result.status === 401) return "Your session has ended. Sign in again; nothing was saved.";
  if (result.status === 403) return "Your role does not allow this action.";
  return result.error.message ?? "That did not work. Try again.";
}

export type TVisitAct = (call: () => Promise<TApiResult<unknown>>, success: string) => Promise<TApiResult<unknown>>;

/**
 * One call on a visit at a time: `pending` while it runs, then `done` (for the status line) or `failure` (for the
 * alert). The page is refreshed after a success, and after a 409 so it shows the state the other clinician left.
 */
export function useVisitAction(): { failure: string | null; done: string | null; pending: boolean; act: TVisitAct } {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function act(call: () => Promise<TApiResult<unknown>>, success: string): Promise<TApiResult<unknown>> {
    setPending(true);
    setFailure(null);
    setDone(null);
    const result = await call();
    setPending(false);
    if (result.ok) {
      setDone(success);
      router.refresh();
      return result;
    }
    setFailure(failureText(result));
    if (result.status === 409) router.refresh();
    return result;
  }

  return { failure, done, pending, act };
}

/** The next unsigned visit in queue order after this one (server-side, this visit left out); null: none waiting. */
export async function nextInQueue(visitId: string): Promise<TApiResult<{ id: string | null }>> {
  return getJson<{ id: string | null }>(`/api/v1/visits/${visitId}/next-in-queue`);
}
