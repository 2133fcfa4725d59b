import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "@/lib/testing/scratch-db";
import { createDb } from "../client";
import { migrate } from "../migrate";
import { seedDemo } from "./demo";
import { seedVisits } from "./visits";

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
beforeAll(async () => {
  scratch = await createScratchDatabase("seed_visits");
  await migrate(scratch.url);
  const prisma = createDb(scratch.url, 1);
  await seedDemo(prisma, () => {}, { appSecret: process.env.NEXTAUTH_SECRET });
  await prisma.$disconnect();
});
afterAll(() => scratch.drop());

describe("synthetic visits", () => {
  it("stores what the engine concluded, in a clinic-like mix", async () => {
    expect(await seedVisits(scratch.url, { visits: 600, seed: 11 })).toEqual({ patients: 180, visits: 600 });
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const q = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows;
      const byStatus = Object.fromEntries((await q<{ status: string; n: string }>("SELECT status::text, count(*) AS n FROM visits GROUP BY 1")).map((r) => [r.status, Number(r.n)]));
      expect(byStatus.SIGNED).toBeGreaterThan(byStatus.SUBMITTED!);
      expect(byStatus.SUBMITTED).toBeGreaterThan(byStatus.DRAFT ?? 0);
      // Every non-draft's queue columns agree with its stored evaluation.
      const mismatched = await q(`
        SELECT id FROM visits WHERE status <> 'DRAFT' AND (
          urgency::text IS DISTINCT FROM evaluation->>'urgency'
          OR imaging_modality::text IS DISTINCT FROM evaluation->'imaging'->>'modality'
          OR imaging_rule IS DISTINCT FROM evaluation->'imaging'->>'rule'
          OR red_flags <> ARRAY(SELECT jsonb_array_elements_text(evaluation->'red_flags'))
          OR cannot_exclude <> ARRAY(SELECT c->>'rule' FROM jsonb_array_elements(evaluation->'cannot_exclude') c)
          OR ask_now IS DISTINCT FROM ((evaluation->>'cannot_exclude_emergency')::boolean AND urgency = 'urgent')
          OR submitted_at IS NULL)`);
      expect(mismatched).toEqual([]);
      const tiers = (await q<{ urgency: string }>("SELECT DISTINCT urgency::text FROM visits WHERE urgency IS NOT NULL")).map((r) => r.urgency).sort();
      expect(tiers).toEqual(["emergency", "none", "routine_soon", "urgent"]);
      // A clinic's mix (about 70/20/8/2), not a worst case.
      const share = Object.fromEntries((await q<{ urgency: string; share: number }>(
        "SELECT urgency::text, count(*)::float / sum(count(*)) OVER () AS share FROM visits WHERE urgency IS NOT NULL GROUP BY 1")).map((r) => [r.urgency, r.share]));
      expect(share.none).toBeGreaterThan(0.6);
      expect(share.emergency).toBeLessThan(0.05);
      // Signed visits carry a decision; overrides carry a coded reason and a different modality.
      expect(await q("SELECT id FROM visits WHERE status = 'SIGNED' AND (decision IS NULL OR signed_at IS NULL)")).toEqual([]);
      expect(await q("SELECT id FROM visits WHERE decision = 'override' AND (decision_reason_code IS NULL OR decision_modality = imaging_modality)")).toEqual([]);
      expect(Number((await q<{ n: string }>("SELECT count(*) AS n FROM visits WHERE decision = 'override'"))[0]!.n)).toBeGreaterThan(0);
      // A signed result that is missing safety answers carries the doctor's acknowledgement; no other visit does.
      const acknowledged = `status = 'SIGNED' AND evaluation->>'status' = 'provisional' AND jsonb_array_length(evaluation->'missing') > 0`;
      expect(await q(`SELECT id FROM visits WHERE provisional_acknowledged IS DISTINCT FROM (${acknowledged})`)).toEqual([]);
      expect(Number((await q<{ n: string }>("SELECT count(*) AS n FROM visits WHERE provisional_acknowledged"))[0]!.n)).toBeGreaterThan(0);
      // As submit requires: a blank safety answer that leaves a red flag unexcluded comes with a reason.
      expect(await q("SELECT id FROM visits WHERE cardinality(cannot_exclude) > 0 AND blank_reason_code IS NULL")).toEqual([]);
      expect(Number((await q<{ n: string }>("SELECT count(*) AS n FROM visits WHERE ask_now"))[0]!.n)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});
