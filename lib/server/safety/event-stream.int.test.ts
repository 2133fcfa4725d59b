// Live events: NOTIFY from the outbox trigger reaches the process's listener after commit (never on rollback),
// and the SSE stream passes events on (clinicians: all; staff: their own visits'), replays what a reconnecting
// client missed after Last-Event-ID, sends heartbeats and ends when the client goes away.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import pg from "pg";

// env() is read once per test file: the heartbeat setting must be in place before anything reads it.
vi.hoisted(() => {
  vi.stubEnv("BACKLINE_EVENTS_HEARTBEAT_SECONDS", "0.5");
});

import { vignetteIntake } from "@/lib/clinical/test-support/vignettes";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { rejection } from "@/lib/testing/rejection";
import { demoUsers, extraUser, uniqueMrn } from "@/lib/testing/users";
import { createPatient } from "../patients/create-patient";
import { startVisit } from "../visits/start-visit";
import { submitVisit } from "../visits/submit-visit";
import { acknowledgeAlert } from "./alerts";
import { eventBus, type TLiveEvent } from "./bus";
import { openEventStream, parseLastEventId } from "./stream";

const CES = () => vignetteIntake("LBP-V17");
const ROUTINE = () => vignetteIntake("LBP-V01");

let users: Awaited<ReturnType<typeof demoUsers>>;
let otherStaff: TCurrentUser;
beforeAll(async () => {
  users = await demoUsers();
  otherStaff = await extraUser("STAFF", "Odile Otherstaff");
});
afterAll(async () => {
  await eventBus().close();
  vi.unstubAllEnvs();
});

async function submit(intake: Record<string, unknown>, user: TCurrentUser = users.staff) {
  const p = await createPatient(user, { mrn: uniqueMrn(), givenName: "Eve", familyName: "Event", birthDate: "1985-06-06", sex: "female" });
  const v = await startVisit(user, p.id);
  await submitVisit(user, v.id, { version: 1, answers: intake });
  return v.id;
}

const maxEventId = async () => (await db().visitEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;

/**
 * Move the outbox's id sequence (forward only) to just below a power of ten, so the next events' ids have
 * different numbers of digits: ordering them as text instead of numbers would show.
 */
async function nearDigitBoundary(): Promise<void> {
  const last = (await db().$queryRaw<{ last: bigint }[]>`SELECT last_value AS last FROM events_id_seq`)[0]!.last;
  let power = 10n ** BigInt(last.toString().length);
  if (power - last < 3n) power *= 10n;
  await db().$queryRaw`SELECT setval('events_id_seq', ${power - 3n}::bigint)`;
}

interface TFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
}

/** Reads an SSE byte stream into frames; `next` waits for the next frame that matches. */
function sseReader(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const frames: TFrame[] = [];
  let buffer = "";
  let done = false;
  let cursor = 0;
  const pump = (async () => {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const frame: TFrame = {};
        for (const line of block.split("\n")) {
          const colon = line.indexOf(": ");
          if (colon > 0) frame[line.slice(0, colon) as keyof TFrame] = line.slice(colon + 2);
        }
        frames.push(frame);
      }
    }
    done = true;
  })();
  async function next(match: (f: TFrame) => boolean = () => true, timeoutMs = 5_000): Promise<TFrame> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      while (cursor < frames.length) {
        const f = frames[cursor++]!;
        if (match(f)) return f;
      }
      if (done) throw new Error("the stream ended");
      if (Date.now() > until) throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  /** Frames up to and including the first that matches. */
  async function until(match: (f: TFrame) => boolean, timeoutMs = 5_000): Promise<TFrame[]> {
    const from = cursor;
    await next(match, timeoutMs);
    return frames.slice(from, cursor);
  }
  return { frames, next, until, ended: pump, isDone: () => done };
}

const SESSION = { epoch: 0, sid: "5e55a0b1-0000-4000-8000-000000000001", expiresAt: null };
async function open(user: TCurrentUser, lastEventId: bigint | null = null) {
  const controller = new AbortController();
  const stream = await openEventStream(user, { lastEventId, signal: controller.signal, session: { ...SESSION, id: user.id } });
  const sse = sseReader(stream);
  return { ...sse, abort: () => controller.abort() };
}
const data = (f: TFrame) => JSON.parse(f.data ?? "null") as Record<string, unknown>;
const isEvent = (f: TFrame) => f.id !== undefined;
const forVisit = (visitId: string) => (f: TFrame) => isEvent(f) && data(f).visitId === visitId;

describe("NOTIFY from the outbox", () => {
  it("reaches the process's listener after commit, with the row's id, kind, visit, urgency, owner and alert", async () => {
    const bus = eventBus();
    await bus.start();
    const received: TLiveEvent[] = [];
    const unsubscribe = bus.subscribe((e) => received.push(e));
    try {
      const visitId = await submit(CES());
      const rows = await db().visitEvent.findMany({ where: { visitId }, orderBy: { id: "asc" } });
      await vi.waitFor(() => expect(received.filter((e) => e.visitId === visitId)).toHaveLength(2), { timeout: 5_000 });
      const mine = received.filter((e) => e.visitId === visitId);
      expect(mine).toEqual([
        { id: rows[0]!.id.toString(), at: expect.any(String), kind: "visit.submitted", visitId, urgency: "emergency", ownerId: users.staff.id, alertId: null },
        { id: rows[1]!.id.toString(), at: expect.any(String), kind: "alert.raised", visitId, urgency: "emergency", ownerId: users.staff.id, alertId: rows[1]!.alertId!.toString() },
      ]);
      expect(Date.parse(mine[0]!.at)).toBe(rows[0]!.at.getTime());
    } finally {
      unsubscribe();
    }
  });

  it("is sent only when the transaction commits, and never for one that rolls back", async () => {
    const bus = eventBus();
    await bus.start();
    const received: TLiveEvent[] = [];
    const unsubscribe = bus.subscribe((e) => received.push(e));
    const visitId = await submit(ROUTINE());
    await vi.waitFor(() => expect(received.some((e) => e.visitId === visitId)).toBe(true));
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ id: string }>(
        "INSERT INTO events (kind, visit_id, urgency, owner_id) VALUES ('visit.decided', $1, 'none', $2) RETURNING id::text",
        [visitId, users.staff.id],
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received.map((e) => e.id)).not.toContain(rows[0]!.id);
      await client.query("COMMIT");
      await vi.waitFor(() => expect(received.map((e) => e.id)).toContain(rows[0]!.id));

      await client.query("BEGIN");
      const rolledBack = await client.query<{ id: string }>(
        "INSERT INTO events (kind, visit_id, urgency, owner_id) VALUES ('visit.signed', $1, 'none', $2) RETURNING id::text",
        [visitId, users.staff.id],
      );
      await client.query("ROLLBACK");
      // A later committed event arrives; the rolled-back one never does.
      const after = await submit(ROUTINE());
      await vi.waitFor(() => expect(received.some((e) => e.visitId === after)).toBe(true));
      expect(received.map((e) => e.id)).not.toContain(rolledBack.rows[0]!.id);
      expect(await db().visitEvent.count({ where: { id: BigInt(rolledBack.rows[0]!.id) } })).toBe(0);
    } finally {
      unsubscribe();
      await client.end();
    }
  });
});

describe("the process's listener after its connection drops", () => {
  it("reconnects and passes on, once each and in order, the events committed while it was away", async () => {
    const bus = eventBus();
    await bus.start();
    const received: TLiveEvent[] = [];
    const unsubscribe = bus.subscribe((e) => received.push(e));
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      const visitId = await submit(ROUTINE());
      await vi.waitFor(() => expect(received.some((e) => e.visitId === visitId)).toBe(true));
      // The listener's own backend is the one that ran LISTEN (its last statement, or the max(id) after it).
      const { rows: listeners } = await client.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND (query = 'LISTEN backline_events' OR query LIKE 'SELECT max(id)::text AS id FROM events%' OR query LIKE '%FROM events WHERE id > $1::bigint ORDER BY%')`,
      );
      expect(listeners.length).toBeGreaterThan(0);
      for (const { pid } of listeners) await client.query("SELECT pg_terminate_backend($1, 5000)", [pid]);
      await nearDigitBoundary();
      await client.query("BEGIN");
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO events (kind, visit_id, urgency, owner_id)
           SELECT 'visit.amended', $1, 'none', $2 FROM generate_series(1, 6) RETURNING id::text`,
        [visitId, users.staff.id],
      );
      await client.query("COMMIT");
      const missed = rows.map((r) => r.id);
      await vi.waitFor(() => expect(received.filter((e) => missed.includes(e.id)).map((e) => e.id)).toEqual(missed), { timeout: 10_000 });
      // And it listens again.
      const after = await submit(ROUTINE());
      await vi.waitFor(() => expect(received.some((e) => e.visitId === after)).toBe(true), { timeout: 5_000 });
      expect(new Set(received.map((e) => e.id)).size).toBe(received.length);
    } finally {
      unsubscribe();
      await client.end();
    }
  });
});

describe("the event stream", () => {
  it("clinicians receive every event as id / event / data (ids, kind and urgency only), audited once at opening", async () => {
    const auditsBefore = await db().auditEvent.count({ where: { actorId: users.doctor.id, action: "events.stream" } });
    const s = await open(users.doctor);
    try {
      expect(await s.next()).toEqual({ retry: "2000" });
      await s.next((f) => f.event === "ready");
      const mine = await submit(CES());
      const theirs = await submit(ROUTINE(), otherStaff);
      const submitted = await s.next(forVisit(mine));
      const row = await db().visitEvent.findFirstOrThrow({ where: { visitId: mine, kind: "visit.submitted" } });
      expect(submitted).toEqual({ id: row.id.toString(), event: "visit.submitted", data: expect.any(String) });
      expect(data(submitted)).toEqual({ id: row.id.toString(), at: expect.any(String), kind: "visit.submitted", visitId: mine, urgency: "emergency", alertId: null });
      const raised = await s.next(forVisit(mine));
      expect(raised.event).toBe("alert.raised");
      expect(data(raised)).toMatchObject({ kind: "alert.raised", visitId: mine, urgency: "emergency", alertId: expect.stringMatching(/^\d+$/) });
      expect(data(await s.next(forVisit(theirs)))).toMatchObject({ kind: "visit.submitted", urgency: "none" });
      await acknowledgeAlert(users.doctor, mine);
      expect((await s.next(forVisit(mine))).event).toBe("alert.acknowledged");
      expect(await db().auditEvent.count({ where: { actorId: users.doctor.id, action: "events.stream" } })).toBe(auditsBefore + 1);
    } finally {
      s.abort();
    }
  });

  it("staff receive only the events of visits they submitted", async () => {
    const s = await open(users.staff);
    try {
      await s.next((f) => f.event === "ready");
      const theirs = await submit(CES(), otherStaff);
      const mine = await submit(ROUTINE());
      // Committed after theirs: by the time it arrives, theirs would have arrived before it.
      const frames = await s.until(forVisit(mine));
      expect(frames.filter(isEvent).map((f) => data(f).visitId)).not.toContain(theirs);
      expect(frames.filter(forVisit(theirs))).toEqual([]);
      // A clinician acting on their visit is still not theirs to see; acting on this staff member's visit is.
      await acknowledgeAlert(users.doctor, theirs);
      const mineAgain = await submit(CES());
      const later = await s.until((f) => forVisit(mineAgain)(f) && f.event === "alert.raised");
      expect(later.filter(forVisit(theirs))).toEqual([]);
      await acknowledgeAlert(users.doctor, mineAgain);
      expect(data(await s.next(forVisit(mineAgain)))).toMatchObject({ kind: "alert.acknowledged" });
    } finally {
      s.abort();
    }
  });

  it("with Last-Event-ID, first replays what was missed after it (in order), then passes live events on", async () => {
    await nearDigitBoundary();
    const last = await maxEventId();
    // Missed while disconnected.
    const missedA = await submit(CES());
    const missedB = await submit(ROUTINE(), otherStaff);
    const missed = await db().visitEvent.findMany({ where: { id: { gt: last } }, orderBy: { id: "asc" }, select: { id: true, kind: true, visitId: true } });
    expect(missed.map((e) => e.visitId)).toEqual([missedA, missedA, missedB]);

    const s = await open(users.doctor, last);
    try {
      const replay = await s.until((f) => f.event === "ready");
      const replayed = replay.filter(isEvent);
      // Everything after the id, in order; anything else replayed is a recent event at or before it (the
      // overlap for late commits, which clients drop by id).
      expect(replayed.filter((f) => BigInt(f.id!) > last).map((f) => [f.id, f.event, data(f).visitId])).toEqual(
        missed.map((e) => [e.id.toString(), e.kind, e.visitId]),
      );
      const ids = replayed.map((f) => BigInt(f.id!));
      expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
      const live = await submit(ROUTINE());
      const frame = await s.next(forVisit(live));
      expect(BigInt(frame.id!)).toBeGreaterThan(BigInt(missed.at(-1)!.id));
      // No replayed event is sent a second time live.
      expect(s.frames.filter(isEvent).filter((f) => f.id === missed[0]!.id.toString())).toHaveLength(1);
    } finally {
      s.abort();
    }
  });

  it("a member of staff's replay holds only their own visits' events", async () => {
    const last = await maxEventId();
    const theirs = await submit(CES(), otherStaff);
    const mine = await submit(ROUTINE());
    const s = await open(users.staff, last);
    try {
      const replayed = (await s.until((f) => f.event === "ready")).filter(isEvent);
      expect(replayed.filter((f) => BigInt(f.id!) > last).map((f) => [f.event, data(f).visitId])).toEqual([["visit.submitted", mine]]);
      expect(replayed.filter(forVisit(theirs))).toEqual([]);
    } finally {
      s.abort();
    }
  });

  it("sends a heartbeat at the configured interval (BACKLINE_EVENTS_HEARTBEAT_SECONDS)", async () => {
    expect(env().BACKLINE_EVENTS_HEARTBEAT_SECONDS).toBe(0.5);
    const s = await open(users.staff);
    try {
      await s.next((f) => f.event === "ready");
      const started = Date.now();
      const first = await s.next((f) => f.event === "heartbeat", 3_000);
      expect(Number.isNaN(Date.parse(data(first).at as string))).toBe(false);
      await s.next((f) => f.event === "heartbeat", 3_000);
      // Two heartbeats at 0.5 s; the default (15 s) would have sent none yet.
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      s.abort();
    }
  });

  it("ends when the client goes away, and stops listening", async () => {
    const before = eventBus().size;
    const s = await open(users.doctor);
    await s.next((f) => f.event === "ready");
    expect(eventBus().size).toBe(before + 1);
    s.abort();
    await s.ended;
    expect(s.isDone()).toBe(true);
    expect(eventBus().size).toBe(before);
  });

  it("refuses a Last-Event-ID that is not an event id (400 naming it)", async () => {
    expect(parseLastEventId(null)).toBeNull();
    expect(parseLastEventId("")).toBeNull();
    expect(parseLastEventId("42")).toBe(42n);
    for (const bad of ["-1", "abc", "1.5", "99999999999999999999"]) {
      const err = await rejection(Promise.resolve().then(() => parseLastEventId(bad)));
      expect(err.status).toBe(400);
      expect(err.fields?.[0]?.field).toBe("Last-Event-ID");
    }
  });
});
