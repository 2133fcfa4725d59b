// The intake's calls: autosave a draft's answers, read the version the server holds, submit. Each returns the
// client's result (components/api/client.ts); what a failure means for the screen is the caller's decision.
import type { TAskNowLine } from "@/lib/clinical/ask-now";
import type { TBlankReason } from "@/lib/contracts/blank-reasons";
import { getJson, postJson, putJson, type TApiFailure } from "./client";

export interface TSavedAnswers {
  version: number;
  updatedAt: string;
}

/** PUT the draft's answers, guarded by the version they were based on. */
export const saveAnswers = (visitId: string, version: number, answers: Record<string, unknown>) =>
  putJson<TSavedAnswers>(`/api/v1/visits/${visitId}/answers`, { version, answers });

/** The visit as the server holds it now; the autosave reads only its version. */
export const loadVisitVersion = (visitId: string) => getJson<{ version: number }>(`/api/v1/visits/${visitId}`);

/** Submit the intake; a blank reason only when the user gave one. */
export const submitIntake = (visitId: string, version: number, answers: Record<string, unknown>, blankReason?: TBlankReason) =>
  postJson(`/api/v1/visits/${visitId}/submit`, { version, answers, ...(blankReason ? { blankReason } : {}) });

/** A refused submit's list of what the blank answers leave unexcluded (DATA-02), if the server sent one. */
export function cannotExcludeIn(failure: TApiFailure): TAskNowLine[] | undefined {
  return (failure.error.cannotExclude as TAskNowLine[] | undefined) || undefined;
}
