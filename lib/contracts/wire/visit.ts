// What the API sends for a visit: the shape the screens and
// other clients read. Built on the server by lib/server/visits/visit-dto.ts.

import type { Evaluation, Modality, Tier } from "@/lib/clinical";
import type { TBlankReasonCode, TOverrideReason } from "@/lib/contracts/visit";
import type { TAlertState } from "./alerts";
import type { TPatientDto } from "./patient";

export interface TVisitDto {
  id: string;
  status: "DRAFT" | "SUBMITTED" | "SIGNED";
  version: number;
  answers: Record<string, unknown>;
  /** answered by the patient (issue 19): when they finished, their answers as given (kept when staff correct), the language */
  selfIntake: { reportedAt: string | null; answers: Record<string, unknown>; language: string | null } | null;
  evaluation: Evaluation | null;
  rulesetVersion: string | null;
  patient: TPatientDto;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  submittedAt: string | null;
  submittedBy: string | null;
  signedAt: string | null;
  signedBy: string | null;
  /** Signed although the result was provisional: the signing doctor confirmed the blank safety answers could not be obtained (provisionalReason). */
  provisionalAcknowledged: boolean;
  /** The doctor's decision on the imaging suggestion; null until one is recorded. */
  decision: TDecisionDto | null;
  /** Remarks added after signing, oldest first. */
  addenda: { id: string; text: string; author: string; createdAt: string }[];
  /** Why staff submitted with blank safety answers (required when a red flag could not be excluded). */
  blankReason: { code: TBlankReasonCode; text: string | null } | null;
  /** The latest re-evaluation of this open visit because the rules changed; null if never re-evaluated. */
  reevaluation: TReevaluationDto | null;
  /** Signed with blank safety answers that could not be obtained: the doctor's coded reason. */
  provisionalReason: { code: TBlankReasonCode; text: string | null } | null;
  /** Blank answers completed after submit, oldest first. */
  amendments: TAmendmentDto[];
  /** The visit's latest alert (an emergency, or an emergency rule blank answers cannot exclude); null: none. */
  alert: TAlertDto | null;
}

export interface TAmendmentDto {
  at: string;
  version: number;
  by: string;
  changes: { field: string; from: unknown; to: unknown }[];
  fromUrgency: Tier | null;
  toUrgency: Tier;
}

/** The visit's latest alert: the safety loop's own shape (lib/server/safety/alerts.ts). */
export type TAlertDto = TAlertState;

export interface TReevaluationDto {
  at: string;
  fromRuleset: string;
  toRuleset: string;
  fromUrgency: Tier | null;
  toUrgency: Tier;
  fromImaging: Modality | null;
  toImaging: Modality;
  gained: string[];
  lost: string[];
  /** a decision was recorded on the previous suggestion and cleared: the doctor decides again */
  decisionCleared: boolean;
}

export interface TDecisionDto {
  action: "accept" | "override";
  modality: Modality;
  reasonCode: TOverrideReason | null;
  reasonText: string | null;
  note: string | null;
  decidedBy: string;
  decidedAt: string;
}
