// The kinds of event the outbox holds and GET /api/v1/events streams: one list for the server and the browser.
export const EVENT_KINDS = [
  "visit.submitted",
  "visit.amended",
  "visit.decided",
  "visit.signed",
  "alert.raised",
  "alert.acknowledged",
  "alert.escalated",
  // a patient finished answering their own intake (issue 19): for the staff member who made the link
  "self_intake.finished",
] as const;
export type TEventKind = (typeof EVENT_KINDS)[number];
