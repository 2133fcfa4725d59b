// GET /api/v1/events: a Server-Sent Events stream of the outbox, for the live queue, the alert banner and the
// staff result page. Clinicians receive every event; staff only those of visits they submitted. A client that
// reconnects sends Last-Event-ID and first receives what it missed, from the outbox.
import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { sessionAccount, type TSessionClaims } from "@/lib/auth/session-account";
import { pool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/contracts/errors";
import { audit } from "../audit";
import { db } from "@/lib/db/client";
import { eventBus, type TLiveEvent } from "./bus";

/** At most this many missed events are replayed; beyond it the client is told to reload its views. */
const REPLAY_LIMIT = 1000;
/**
 * Replay also resends the events of the last few seconds before Last-Event-ID: ids are taken when a transaction
 * starts, so one may commit after a later id the client already has. Clients drop ids they have seen.
 */
const REPLAY_OVERLAP_SECONDS = 10;
/** How often an open stream re-checks that its account is still active, with the same role and session. */
const RECHECK_MS = 60_000;

const open = new Set<() => void>();
let shutdownHooked = false;

/** Streams never end by themselves: on SIGTERM/SIGINT close them so the worker can finish and exit. */
function hookShutdown(): void {
  if (shutdownHooked) return;
  shutdownHooked = true;
  const closeAll = () => {
    for (const close of [...open]) close();
  };
  process.once("SIGTERM", closeAll);
  process.once("SIGINT", closeAll);
}

export function parseLastEventId(value: string | null): bigint | null {
  if (value === null || value === "") return null;
  if (!/^\d{1,19}$/.test(value)) {
    throw new AppError("bad_request", "Last-Event-ID must be the id of an event this stream sent.", [
      { field: "Last-Event-ID", message: "must be a whole number" },
    ]);
  }
  return BigInt(value);
}

function frame(event: TLiveEvent): string {
  const data = { id: event.id, at: event.at, kind: event.kind, visitId: event.visitId, urgency: event.urgency, alertId: event.alertId };
  return `id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify(data)}\n\n`;
}

const encoder = new TextEncoder();
/**
 * A live event reaches every open stream of the process as the same object: its frame is encoded once and the
 * same bytes are queued on each stream (nothing writes to a queued chunk), instead of once per client.
 */
const encodedFrames = new WeakMap<TLiveEvent, Uint8Array>();
function frameBytes(event: TLiveEvent): Uint8Array {
  let bytes = encodedFrames.get(event);
  if (!bytes) encodedFrames.set(event, (bytes = encoder.encode(frame(event))));
  return bytes;
}

/**
 * How long a stream remembers the ids it replayed, to drop their live copies: a notification of an event the
 * replay already read arrives within moments of its commit, so a minute is ample, and a long-open stream then
 * holds no per-event memory at all.
 */
const REPLAYED_MEMORY_MS = 60_000;

// ORDER BY events.id, not "id": a bare name is the output column, the text id, which sorts "10" before "9".
async function replayRows(after: bigint, ownerId: string | null): Promise<TLiveEvent[]> {
  const { rows } = await pool().query<TLiveEvent & { at: Date }>({
    name: "backline.events-replay",
    text: `SELECT id::text AS id, at, kind, visit_id::text AS "visitId", urgency::text AS urgency, owner_id::text AS "ownerId",
                  alert_id::text AS "alertId"
             FROM events
            WHERE (id > $1::bigint OR (id > $1::bigint - 1000 AND at > now() - make_interval(secs => $4)))
              AND ($2::uuid IS NULL OR owner_id = $2::uuid)
            ORDER BY events.id LIMIT $3`,
    values: [after.toString(), ownerId, REPLAY_LIMIT + 1, REPLAY_OVERLAP_SECONDS],
  });
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

/** The account is still active, with the same role, and the session was neither ended (sign-out) nor superseded. */
async function stillValid(user: TCurrentUser, session: TSessionClaims): Promise<boolean> {
  const account = await sessionAccount(session);
  return account?.id === user.id && account.role === user.role;
}

export interface TStreamOptions {
  lastEventId: bigint | null;
  signal: AbortSignal;
  /** the session's claims and expiry (seconds): the stream ends with the session */
  session: TSessionClaims & { expiresAt: number | null };
}

/** The stream for this user; audited once when it opens (its events carry ids and urgency only). */
export async function openEventStream(user: TCurrentUser, options: TStreamOptions): Promise<ReadableStream<Uint8Array>> {
  const ownerId = user.role === "STAFF" ? user.id : null;
  const bus = eventBus();
  await bus.start();
  await audit(db(), { actorId: user.id, action: "events.stream", entityType: "Event", entityId: "*", details: {} });
  hookShutdown();
  const { BACKLINE_EVENTS_HEARTBEAT_SECONDS } = env();

  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      // The ids this stream replayed (Last-Event-ID): their live copies are dropped. Live events come once each
      // (the bus drops repeats), so nothing else needs remembering.
      let replayed: Set<string> | null = null;
      let buffered: TLiveEvent[] | null = [];
      const enqueue = (bytes: Uint8Array) => {
        if (closed) return;
        try {
          controller.enqueue(bytes);
        } catch {
          close();
        }
      };
      const send = (text: string) => enqueue(encoder.encode(text));
      const deliver = (event: TLiveEvent) => {
        if (ownerId !== null && event.ownerId !== ownerId) return;
        if (buffered) {
          buffered.push(event);
          return;
        }
        if (replayed?.has(event.id)) return;
        enqueue(frameBytes(event));
      };
      const unsubscribe = bus.subscribe(deliver);
      const heartbeat = setInterval(() => send(`event: heartbeat\ndata: {"at":"${new Date().toISOString()}"}\n\n`), BACKLINE_EVENTS_HEARTBEAT_SECONDS * 1000);
      const recheck = setInterval(() => {
        stillValid(user, options.session).then((ok) => (ok ? undefined : close()), () => {});
      }, RECHECK_MS);
      const forgetReplayed = setTimeout(() => (replayed = null), REPLAYED_MEMORY_MS);
      const expiry = options.session.expiresAt
        ? setTimeout(() => close(), Math.max(0, options.session.expiresAt * 1000 - Date.now()))
        : null;
      function close() {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearInterval(recheck);
        clearTimeout(forgetReplayed);
        if (expiry) clearTimeout(expiry);
        open.delete(close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
      cleanup = close;
      open.add(close);
      options.signal.addEventListener("abort", close, { once: true });

      // The client reconnects 2 s after a drop; the first frame says so.
      send(`retry: 2000\n\n`);
      if (options.lastEventId !== null) {
        try {
          const missed = await replayRows(options.lastEventId, ownerId);
          if (missed.length > REPLAY_LIMIT) {
            send(`event: reset\ndata: {}\n\n`);
          } else {
            replayed = new Set(missed.map((event) => event.id));
            for (const event of missed) send(frame(event));
          }
        } catch {
          close();
          return;
        }
      }
      const pending = buffered;
      buffered = null;
      for (const event of pending) deliver(event);
      send(`event: ready\ndata: {}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
}
