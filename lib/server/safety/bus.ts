// One LISTEN connection per server process (worker): every event committed by any worker reaches this
// process through PostgreSQL's NOTIFY, and is passed to the event streams connected here. When the connection
// drops (PostgreSQL restarted, the network), it reconnects and replays from the outbox what it missed meanwhile.
import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import type { Tier } from "@/lib/clinical/types";
import type { TEventKind } from "./events";

export interface TLiveEvent {
  /** the outbox row's id (bigint, as text): the stream's event id and Last-Event-ID */
  id: string;
  at: string;
  kind: TEventKind;
  visitId: string;
  urgency: Tier | null;
  ownerId: string | null;
  alertId: string | null;
}

type TListener = (event: TLiveEvent) => void;

const CHANNEL = "backline_events";
/** ids already passed on, so a replay after a reconnect does not pass an event twice */
const REMEMBERED = 10_000;

class EventBus {
  private readonly listeners = new Set<TListener>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryMs = 500;
  private lastId = 0n;
  private readonly seen = new Set<string>();
  private closed = false;
  private everConnected = false;

  /** Start listening (once per process); resolves when LISTEN is in place. */
  start(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  subscribe(listener: TListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: env().DATABASE_URL, connectionTimeoutMillis: 3_000, keepAlive: true });
    client.on("notification", (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        this.dispatch(JSON.parse(message.payload) as TLiveEvent);
      } catch {
        logger.warn("event notification not understood", { channel: CHANNEL });
      }
    });
    client.on("error", () => this.lost(client));
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      client.removeAllListeners("end");
      await client.end().catch(() => {});
      this.retryLater();
      throw error;
    }
    this.client = client;
    this.retryMs = 500;
    if (this.everConnected) {
      // What was committed while this process was not listening.
      await this.replay(client);
    } else {
      this.everConnected = true;
      const { rows } = await client.query<{ id: string | null }>("SELECT max(id)::text AS id FROM events");
      if (rows[0]?.id && BigInt(rows[0].id) > this.lastId) this.lastId = BigInt(rows[0].id);
    }
  }

  private async replay(client: pg.Client): Promise<void> {
    // ORDER BY events.id, not "id": a bare name is the output column, the text id, which sorts "10" before "9".
    const { rows } = await client.query<TLiveEvent>(
      `SELECT id::text AS id, at, kind, visit_id::text AS "visitId", urgency::text AS urgency, owner_id::text AS "ownerId",
              alert_id::text AS "alertId" FROM events WHERE id > $1::bigint ORDER BY events.id LIMIT 5000`,
      [this.lastId.toString()],
    );
    for (const row of rows) this.dispatch({ ...row, at: new Date(row.at).toISOString() });
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners();
    client.on("error", () => {});
    client.end().catch(() => {});
    if (!this.closed) {
      logger.warn("event listener connection lost: reconnecting", { channel: CHANNEL });
      this.retryLater();
    }
  }

  private retryLater(): void {
    if (this.closed) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    setTimeout(() => this.start().catch(() => {}), wait).unref();
  }

  private dispatch(event: TLiveEvent): void {
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    if (this.seen.size > REMEMBERED) this.seen.delete(this.seen.values().next().value!);
    const id = BigInt(event.id);
    if (id > this.lastId) this.lastId = id;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        logger.error("event listener failed", { error });
      }
    }
  }

  /** Tests and shutdown: stop listening. */
  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      client.on("error", () => {});
      await client.end().catch(() => {});
    }
  }
}

const holder = globalThis as unknown as { backlineEventBus?: EventBus };

/** The process's bus (on globalThis: Next bundles server modules more than once). */
export function eventBus(): EventBus {
  holder.backlineEventBus ??= new EventBus();
  return holder.backlineEventBus;
}
