// Calls on a submitted visit that staff and clinicians share.
import { postJson } from "./client";

export interface TAmendResult {
  version: number;
  evaluation: { urgency: string; missing: string[] };
  alertRaised: boolean;
}

/** "Complete missing answers": only the answers given now, against the version on screen (a 409 if it moved). */
export const amendVisit = (visitId: string, version: number, answers: Record<string, unknown>) =>
  postJson<TAmendResult>(`/api/v1/visits/${visitId}/amend`, { version, answers });
