// What the API sends for a visit's alerts and the pin above the queue: the shape the screens and
// other clients read. Built on the server by lib/server/safety/alerts.ts.

import type { Tier } from "@/lib/clinical/types";

export type TAlertReason = "emergency" | "cannot_exclude_emergency" | "tier_rose";

/** The state of a visit's latest alert, as the screens show it. */
export interface TAlertState {
  id: string;
  reason: TAlertReason;
  urgency: Tier;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  escalatedAt: string | null;
  /** when an unacknowledged alert escalates (the setting, counted from raisedAt) */
  escalatesAt: string;
}

export interface TPinnedRow {
  visitId: string;
  urgency: Tier | null;
  askNow: boolean;
  cannotExclude: string[];
  submittedAt: string | null;
  patient: { givenName: string; familyName: string; mrn: string; ageYears: number | null };
  /** the visit's latest alert (null: an emergency from before alerts existed) */
  alert: TAlertState | null;
}

export interface TPinned {
  rows: TPinnedRow[];
  /** unacknowledged alerts among them: the banner and the tab title count these */
  unacknowledged: number;
}
