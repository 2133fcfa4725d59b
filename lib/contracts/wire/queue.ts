// What the API sends for a page of the review queue: the shape the screens and
// other clients read. Built on the server by lib/server/visits/list-queue.ts.

import type { Modality, Tier } from "@/lib/clinical/types";
import type { TSavedViewFilters } from "@/lib/contracts/queue";

export type TUrgencyCounts = Record<Tier, number>;

export interface TQueueRow {
  id: string;
  patient: { id: string; givenName: string; familyName: string; mrn: string; birthDate: string };
  ageYears: number | null;
  submittedAt: string | null;
  urgency: Tier | null;
  redFlags: string[];
  /** RF rules a blank safety answer leaves unexcluded (DATA-02): the row reads "Ask now: cannot exclude ..." */
  cannotExclude: string[];
  /** urgent with an emergency rule in cannotExclude: first within the urgent tier */
  askNow: boolean;
  imagingModality: Modality | null;
  status: "SUBMITTED" | "SIGNED";
  signedBy: string | null;
  version: number;
}

export interface TQueuePage {
  rows: TQueueRow[];
  total: number;
  counts: TUrgencyCounts;
  page: number;
  pageSize: number;
}

/** One of the signed-in clinician's saved queue views (GET/POST /api/v1/me/saved-views). */
export interface TSavedView {
  id: string;
  name: string;
  /** the queue's filters and sort (lib/contracts/queue.ts, ZSavedViewFilters): never search text */
  filters: TSavedViewFilters;
  createdAt: string;
}

/** GET /api/v1/me/saved-views: the caller's own views, oldest first. */
export interface TSavedViewList {
  views: TSavedView[];
}
