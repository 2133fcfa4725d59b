// Words for the enum values the engine and the visit record use. Every status, urgency and imaging
// value is shown as text, so nothing on screen is signalled by colour alone.

import type { Modality, Tier } from "@/lib/clinical/types";
import { PATIENT_SEXES } from "@/lib/contracts/patient";

export type TUrgency = Tier;
export type TModality = Modality;
export type TVisitStatus = "DRAFT" | "SUBMITTED" | "SIGNED";

export const URGENCY_LABELS = {
  emergency: "Emergency",
  urgent: "Urgent",
  routine_soon: "Routine, soon",
  none: "No red flag",
} as const satisfies Record<TUrgency, string>;

export const MODALITY_LABELS = {
  none: "No imaging",
  xray: "X-ray",
  ct: "CT",
  mri: "MRI",
} as const satisfies Record<TModality, string>;

export const STATUS_LABELS = {
  DRAFT: "Draft",
  SUBMITTED: "Submitted",
  SIGNED: "Signed",
} as const satisfies Record<TVisitStatus, string>;

export const SEX_LABELS: Record<string, string> = Object.fromEntries(PATIENT_SEXES.map((s) => [s.value, s.label]));
