import "server-only";
import type { Tier } from "@/lib/clinical/types";
import type { TDbOrTx } from "../audit";

/** What happened to a visit (lib/contracts/events.ts). The outbox row and the stream carry only this, ids and the urgency. */
import { type TEventKind } from "@/lib/contracts/events";
export { EVENT_KINDS, type TEventKind } from "@/lib/contracts/events";

export interface TEventEntry {
  kind: TEventKind;
  visitId: string;
  urgency: Tier | null;
  /** who submitted the visit: staff receive only their own visits' events */
  ownerId: string | null;
  alertId?: bigint | null;
}

/**
 * Write one outbox row in the change's own transaction; the events_announce trigger NOTIFYs every worker when
 * that transaction commits, and not at all if it rolls back.
 */
export async function recordEvent(tx: TDbOrTx, entry: TEventEntry): Promise<void> {
  await tx.visitEvent.create({
    data: { kind: entry.kind, visitId: entry.visitId, urgency: entry.urgency, ownerId: entry.ownerId, alertId: entry.alertId ?? null },
  });
}

/** For the one-statement submit: `${EVENT_INSERT} SELECT kind, visit_id, urgency, owner_id, alert_id FROM …`. */
export const EVENT_INSERT = "INSERT INTO events (kind, visit_id, urgency, owner_id, alert_id)";
