// The queue's per-urgency counters (queue_counts, kept by statement triggers on visits; issue 20) against a
// count of the visits themselves, in one statement so that both read the same snapshot whatever other tests
// write meanwhile: after submits, signs, amends that change the urgency, concurrent submits, multi-row updates
// and deletes.
import { beforeAll, describe, expect, it } from "vitest";
import vignettes from "@/lib/clinical/test-support/vignettes.dev.json";
import { missingRequiredFields } from "@/lib/clinical";
import { ZDecision } from "@/lib/contracts/visit";
import { ZQueueQuery } from "@/lib/contracts/queue";
import { db, pool } from "@/lib/db/client";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { decideVisit } from "./decide-visit";
import { countByUrgency, countedByStatusOnly } from "./list-queue";
import { signVisit } from "./sign-visit";
import { startVisit } from "./start-visit";
import { submitVisit } from "./submit-visit";

type Vignette = { id: string; intake: Record<string, unknown>; expected: { urgency: string } };
const cases = (vignettes as unknown as { vignettes: Vignette[] }).vignettes;
let users: Awaited<ReturnType<typeof demoUsers>>;

beforeAll(async () => {
  users = await demoUsers();
});

/** Counter rows whose n differs from a count of the visits, read in one snapshot. */
async function drift(): Promise<unknown[]> {
  const { rows } = await pool().query(`
    SELECT c.status::text, c.urgency::text, c.n::int AS counted,
           (SELECT count(*)::int FROM visits v WHERE v.status = c.status AND coalesce(v.urgency, 'none') = c.urgency) AS actual
      FROM queue_counts c
     WHERE c.n <> (SELECT count(*) FROM visits v WHERE v.status = c.status AND coalesce(v.urgency, 'none') = c.urgency)`);
  return rows;
}

async function submitted(v: Vignette) {
  const p = await db().patient.create({
    data: { mrn: uniqueMrn(), givenName: "Count", familyName: "Keeper", birthDate: new Date("1960-01-01T00:00:00Z"), sex: "female" },
    select: { id: true },
  });
  const visit = await startVisit(users.staff, p.id);
  const blankReason = missingRequiredFields(v.intake).length > 0 ? { code: "patient_unable" as const, text: null } : undefined;
  const r = await submitVisit(users.staff, visit.id, { version: 1, answers: v.intake, blankReason });
  return { id: visit.id, version: r.version };
}

describe("queue counters", () => {
  it("has a row for every queue status and urgency, and agrees with the visits after submits and signs", async () => {
    const { rows } = await pool().query<{ k: string }>(`SELECT status::text || '/' || urgency::text AS k FROM queue_counts ORDER BY 1`);
    expect(rows.map((r) => r.k)).toEqual(
      ["SIGNED", "SUBMITTED"].flatMap((s) => ["emergency", "none", "routine_soon", "urgent"].map((u) => `${s}/${u}`)),
    );
    const done = [];
    for (const v of cases.slice(0, 8)) done.push(await submitted(v));
    for (const v of done.slice(0, 4)) {
      await decideVisit(users.doctor, v.id, ZDecision.parse({ version: v.version, action: "accept", note: "Seen." }));
      await signVisit(users.doctor, v.id, { version: v.version + 1, acknowledgeProvisional: true, provisionalReason: { code: "patient_unable", text: null } });
    }
    expect(await drift()).toEqual([]);
  });

  it("stays exact under 24 concurrent submits", async () => {
    await Promise.all(cases.map((v) => submitted(v)));
    expect(await drift()).toEqual([]);
  });

  it("follows multi-row updates, inserts and deletes, and rolls back with them", async () => {
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      await client.query(`UPDATE visits SET urgency = 'emergency' WHERE id IN (SELECT id FROM visits WHERE status = 'SUBMITTED' AND urgency <> 'emergency' LIMIT 5)`);
      await client.query(`UPDATE visits SET status = 'SIGNED' WHERE id IN (SELECT id FROM visits WHERE status = 'SUBMITTED' LIMIT 3)`);
      await client.query(`UPDATE visits SET urgency = NULL WHERE id IN (SELECT id FROM visits WHERE status = 'SIGNED' LIMIT 2)`);
      // Inserts and deletes, several rows per statement: copies of queue visits under new ids, then removed.
      const before = await client.query<{ n: string }>(`SELECT sum(n) AS n FROM queue_counts`);
      const copied = await client.query<{ id: string }>(`
        INSERT INTO visits
        SELECT (jsonb_populate_record(NULL::visits, to_jsonb(v) || jsonb_build_object('id', gen_random_uuid()))).*
          FROM (SELECT * FROM visits WHERE status <> 'DRAFT' LIMIT 3) v
        RETURNING id::text`);
      const added = await client.query<{ n: string }>(`SELECT sum(n) AS n FROM queue_counts`);
      expect(Number(added.rows[0]!.n) - Number(before.rows[0]!.n)).toBe(3);
      await client.query(`DELETE FROM visits WHERE id = ANY($1::uuid[])`, [copied.rows.map((r) => r.id)]);
      const after = await client.query<{ n: string }>(`SELECT sum(n) AS n FROM queue_counts`);
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
      const inside = await client.query(`
        SELECT c.status FROM queue_counts c
         WHERE c.n <> (SELECT count(*) FROM visits v WHERE v.status = c.status AND coalesce(v.urgency, 'none') = c.urgency)`);
      expect(inside.rows).toEqual([]);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    expect(await drift()).toEqual([]);
  });

  it("serves the counts of a view filtered by status and urgency only; any other filter counts its visits", async () => {
    const counted = (q: Record<string, string>) => countedByStatusOnly(ZQueueQuery.parse(q));
    expect([counted({}), counted({ status: "ALL" }), counted({ status: "SIGNED", urgency: "urgent" }), counted({ q: " , " })]).toEqual([true, true, true, true]);
    expect([counted({ q: "smith" }), counted({ flag: "RF-CES-01" }), counted({ imaging: "mri" }), counted({ from: "2025-01-01" }), counted({ to: "2025-01-01" })]).toEqual([false, false, false, false, false]);
    for (const status of ["SUBMITTED", "SIGNED", "ALL"]) {
      const { rows } = await pool().query<{ urgency: string; n: number }>(
        `SELECT coalesce(urgency, 'none')::text AS urgency, count(*)::int AS n FROM visits WHERE ${status === "ALL" ? "status <> 'DRAFT'" : `status = '${status}'`} GROUP BY 1`,
      );
      const fromCounters = await countByUrgency(db(), ZQueueQuery.parse({ status }));
      const expected = { emergency: 0, urgent: 0, routine_soon: 0, none: 0, ...Object.fromEntries(rows.map((r) => [r.urgency, r.n])) };
      // Other test files may submit between the two reads: the counters are checked exactly by drift() above.
      expect(Object.keys(fromCounters).sort()).toEqual(Object.keys(expected).sort());
      for (const k of Object.keys(expected) as (keyof typeof expected)[]) expect(Math.abs(fromCounters[k] - expected[k])).toBeLessThanOrEqual(50);
    }
  });
});
