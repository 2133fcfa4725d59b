// The ruleset upgrade step of the migration runner (re-evaluation of open visits, recall of signed ones) and the
// read-only impact report, on a database holding visits decided under 1.1, as the clinic's database holds them
// when 1.2 is deployed.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate, RULESET_LABEL, type TIntake } from "@/lib/clinical";
import { createScratchDatabase } from "@/lib/testing/scratch-db";
import { createDb } from "./client";
import { evaluationColumns } from "./evaluation-columns";
import { migrate } from "./migrate";
import { rulesetImpact } from "./ruleset-impact";
import { seedDemo } from "./seed/demo";

const OLD = "1.1.0+0123456789ab";

/** An evaluation as ruleset 1.1 stored it (its field names: missing_fields, conservative_care as a list). */
function oldEvaluation(o: { urgency: string; red_flags: string[]; pathway_rules: string[]; modality?: string; rule?: string | null }) {
  return {
    ruleset_version: OLD,
    status: "final",
    urgency: o.urgency,
    red_flags: o.red_flags,
    pathway_rules: o.pathway_rules,
    advisories: [],
    data_flags: [],
    imaging: { modality: o.modality ?? "none", detail: "no imaging", rule: o.rule ?? null, tier: null, precedence: null, also_consider: [] },
    blood_tests: { required: false, panel: [], panels: [], at_doctors_choice: [] },
    doctor_queue: o.red_flags.length > 0,
    missing_fields: [],
    out_of_scope: null,
    safety_net: { id: "SAFETY-NET-CES", text: "Come back immediately...", sources: [] },
    conservative_care: o.urgency === "none" || o.urgency === "routine_soon" ? [{ id: "CC-REASSURE", text: "Reassure.", sources: [] }] : null,
    derived: {},
    explanations: [],
  };
}

// As 1.1 recorded them: the questions 1.2 newly requires were not asked (0.4 item 14).
const ANTICOAGULATED: Record<string, unknown> = {
  visit_date: "2026-11-30", age_years: 60, sex: "male", pain_score_now: 5, pain_location: ["lumbar_central"],
  pain_radiation: "none", onset_date: "2026-11-27", onset_type: "sudden", mechanism: "no_clear_cause", trauma_energy: "none",
  night_pain: "none", leg_numbness_tingling: "none", leg_weakness: "one_leg_mild", neuro_deficit_progressing: false,
  gait_disturbance: false, saddle_anesthesia: false, new_urinary_retention: false, new_urinary_incontinence: false,
  new_bowel_incontinence: false, fever: false, unexplained_weight_loss: false, faint_or_collapse: false, history_of_cancer: false,
  iv_drug_use: "never", immunosuppressed: false, known_aaa: false, conditions: ["none"], medications: ["anticoagulant"],
  conservative_care_weeks: 0, response_to_care: "not_tried",
};
// Complete for 1.2 and uncomplicated: the same result under both.
const UNCOMPLICATED: Record<string, unknown> = {
  visit_date: "2026-11-30", age_years: 40, sex: "male", pain_score_now: 3, pain_location: ["lumbar_central"],
  pain_radiation: "none", onset_date: "2026-11-25", onset_type: "gradual", mechanism: "no_clear_cause", trauma_energy: "none",
  night_pain: "none", leg_numbness_tingling: "none", leg_weakness: "none", neuro_deficit_progressing: false,
  gait_disturbance: false, saddle_anesthesia: false, new_urinary_retention: false, new_urinary_incontinence: false,
  new_bowel_incontinence: false, new_sexual_dysfunction: false, fever: false, unexplained_weight_loss: false,
  faint_or_collapse: false, history_of_cancer: false, iv_drug_use: "never", immunosuppressed: false,
  recent_bacterial_infection: false, recent_spinal_procedure: false, conditions: ["none"], medications: ["none"],
  conservative_care_weeks: 0, response_to_care: "not_tried",
};

let url: string;
let drop: () => Promise<void>;
let client: pg.Client;
let staffId: string;
let doctorId: string;
let patientId: string;
const ids: Record<string, string> = {};

async function insertVisit(
  key: string,
  o: { status: "DRAFT" | "SUBMITTED" | "SIGNED"; answers: Record<string, unknown>; evaluation: object | null; urgency?: string | null; decided?: boolean },
) {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO visits (patient_id, status, answers, evaluation, ruleset_version, urgency, imaging_modality, red_flags, version,
                         created_by_id, submitted_by_id, submitted_at, signed_by_id, signed_at,
                         decision, decision_modality, decided_by_id, decided_at, clinical_note)
     VALUES ($1, $2::"VisitStatus", $3, $4, $5, $6::"Urgency", $7::"ImagingModality", $8, $9, $10, $11, $12, $13, $14,
             $15::"DecisionAction", $16::"ImagingModality", $17, $18, $19)
     RETURNING id::text`,
    [
      patientId, o.status, JSON.stringify(o.answers), o.evaluation ? JSON.stringify(o.evaluation) : null,
      o.evaluation ? (o.evaluation as { ruleset_version: string }).ruleset_version : null, o.urgency ?? null,
      o.evaluation ? "none" : null, (o.evaluation as { red_flags?: string[] } | null)?.red_flags ?? [],
      o.status === "DRAFT" ? 1 : o.status === "SUBMITTED" ? 2 : 4, staffId,
      o.status === "DRAFT" ? null : staffId, o.status === "DRAFT" ? null : new Date("2026-11-30T09:00:00Z"),
      o.status === "SIGNED" ? doctorId : null, o.status === "SIGNED" ? new Date("2026-11-30T11:00:00Z") : null,
      o.decided || o.status === "SIGNED" ? "accept" : null, o.decided || o.status === "SIGNED" ? "none" : null,
      o.decided || o.status === "SIGNED" ? doctorId : null, o.decided || o.status === "SIGNED" ? new Date("2026-11-30T10:00:00Z") : null,
      o.decided ? "Reviewed, conservative care." : null,
    ],
  );
  ids[key] = rows[0]!.id;
}

const row = async (key: string) =>
  (
    await client.query(
      `SELECT status::text, version, urgency::text, red_flags, cannot_exclude, ask_now, imaging_modality::text, decision::text,
              clinical_note, evaluation FROM visits WHERE id = $1`,
      [ids[key]],
    )
  ).rows[0];

beforeAll(async () => {
  ({ url, drop } = await createScratchDatabase("upgrade"));
  await migrate(url);
  const prisma = createDb(url, 1);
  await seedDemo(prisma, () => {}, { appSecret: process.env.NEXTAUTH_SECRET });
  await prisma.$disconnect();
  client = new pg.Client({ connectionString: url });
  await client.connect();
  const users = await client.query<{ id: string; email: string }>("SELECT id::text, email FROM users");
  staffId = users.rows.find((u) => u.email === "staff@example.org")!.id;
  doctorId = users.rows.find((u) => u.email === "doctor@example.org")!.id;
  patientId = (
    await client.query<{ id: string }>(
      `INSERT INTO patients (mrn, given_name, family_name, birth_date, sex) VALUES ('UPG-1', 'Ulla', 'Pgrade', '1966-05-01', 'male') RETURNING id::text`,
    )
  ).rows[0]!.id;
  const routine = oldEvaluation({ urgency: "routine_soon", red_flags: ["RF-CA-04"], pathway_rules: [] });
  const quiet = oldEvaluation({ urgency: "none", red_flags: [], pathway_rules: ["PW-NSLBP-01"] });
  await insertVisit("openChanged", { status: "SUBMITTED", answers: ANTICOAGULATED, evaluation: routine, urgency: "routine_soon", decided: true });
  await insertVisit("openSame", { status: "SUBMITTED", answers: UNCOMPLICATED, evaluation: quiet, urgency: "none", decided: true });
  await insertVisit("signedHigher", { status: "SIGNED", answers: ANTICOAGULATED, evaluation: routine, urgency: "routine_soon" });
  await insertVisit("signedSame", { status: "SIGNED", answers: UNCOMPLICATED, evaluation: quiet, urgency: "none" });
  await insertVisit("draft", { status: "DRAFT", answers: { age_years: 60 }, evaluation: null });
  const current = evaluate(UNCOMPLICATED as TIntake);
  await insertVisit("openCurrent", { status: "SUBMITTED", answers: UNCOMPLICATED, evaluation: current, urgency: evaluationColumns(current).urgency });
  // The database as it was before 1.2 was deployed: the upgrade has not run yet.
  await client.query("DELETE FROM ruleset_upgrades");
});

afterAll(async () => {
  await client?.end();
  await drop?.();
});

describe("npm run ruleset:impact, before the upgrade", () => {
  it("reports what the current rules would change, read-only", async () => {
    const before = await client.query("SELECT id, version, evaluation FROM visits ORDER BY id");
    const r = await rulesetImpact(client);
    expect(r.ruleset).toBe(RULESET_LABEL);
    expect(r.visits).toBe(5);
    expect(r.storedRulesets).toEqual({ [OLD]: 4, [RULESET_LABEL]: 1 });
    expect(r.changed).toBe(2);
    expect(r.byStatus).toEqual({
      SUBMITTED: { visits: 3, changed: 1, higher: 1, lower: 0 },
      SIGNED: { visits: 2, changed: 1, higher: 1, lower: 0 },
    });
    expect(r.tierChanges).toEqual({ "routine_soon -> emergency": 2 });
    expect(r.imagingChanges).toEqual({ "none -> mri": 2 });
    expect(r.rules["RF-BLEED-01"]).toEqual({ gained: 2, lost: 0 });
    expect(r.rules["DATA-02"]).toEqual({ gained: 2, lost: 0 });
    expect(r.rules["RF-CA-04"]).toBeUndefined();
    expect(r.signedHigher).toBe(1);
    expect((await client.query("SELECT id, version, evaluation FROM visits ORDER BY id")).rows).toEqual(before.rows);
  });

  it("prints the same figures from the command line (--json), and a table without it", () => {
    const env = { ...process.env, DATABASE_URL: url };
    const json = spawnSync("npm", ["run", "--silent", "ruleset:impact", "--", "--json"], { encoding: "utf8", env, timeout: 60_000 });
    expect(json.status, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { visits: number; tierChanges: Record<string, number>; signedHigher: number };
    expect(report).toMatchObject({ visits: 5, tierChanges: { "routine_soon -> emergency": 2 }, signedHigher: 1 });
    const text = spawnSync("npm", ["run", "--silent", "ruleset:impact"], { encoding: "utf8", env, timeout: 60_000 });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/5 stored visits run through ruleset 1\.2\.0\+/);
    expect(text.stdout).toMatch(/RF-BLEED-01\s+\+2\s+-0/);
    expect(text.stdout).toMatch(/none -> mri\s+2/);
    const bad = spawnSync("npm", ["run", "--silent", "ruleset:impact", "--", "--nope"], { encoding: "utf8", env, timeout: 60_000 });
    expect(bad.status).toBe(2);
  }, 120_000);
});

describe("the ruleset upgrade step of npm run db:migrate", () => {
  let result: Awaited<ReturnType<typeof migrate>>;
  beforeAll(async () => {
    result = await migrate(url);
  });

  it("re-evaluates the open visits decided under another ruleset, as recorded, and says what it did", () => {
    expect(result.ruleset).toEqual({
      ruleset: RULESET_LABEL,
      reevaluated: 2,
      changed: 1,
      decisionsCleared: 1,
      signedChecked: 2,
      recalls: 1,
      alreadyApplied: false,
    });
  });

  it("stores the new evaluation and the queue's columns, and clears a decision made on the old suggestion", async () => {
    const v = await row("openChanged");
    expect(v).toMatchObject({
      status: "SUBMITTED",
      version: 3,
      urgency: "emergency",
      red_flags: ["RF-BLEED-01", "RF-CA-04"],
      // The questions 1.2 newly requires were never asked: a cauda equina warning and an abscess after a spinal
      // procedure cannot be excluded.
      cannot_exclude: ["RF-CES-01", "RF-INF-02"],
      ask_now: false,
      imaging_modality: "mri",
      decision: null,
      clinical_note: null,
    });
    expect(v.evaluation).toMatchObject({ ruleset_version: "1.2.0", missing: ["new_sexual_dysfunction", "recent_bacterial_infection", "recent_spinal_procedure"] });
  });

  it("keeps what it replaced, with what changed and the cleared decision", async () => {
    const { rows } = await client.query(
      `SELECT from_ruleset, to_ruleset, from_urgency::text, to_urgency::text, from_imaging::text, to_imaging::text, gained, lost,
              previous_evaluation, previous_decision FROM visit_reevaluations WHERE visit_id = $1`,
      [ids.openChanged],
    );
    expect(rows).toHaveLength(1);
    const h = rows[0];
    expect(h).toMatchObject({ from_ruleset: OLD, to_ruleset: RULESET_LABEL, from_urgency: "routine_soon", to_urgency: "emergency", from_imaging: "none", to_imaging: "mri" });
    expect(h.gained).toEqual(expect.arrayContaining(["RF-BLEED-01", "DATA-01", "DATA-02", "ADV-NSAID-CAUTION"]));
    expect(h.lost).toEqual([]);
    expect(h.previous_evaluation).toMatchObject({ ruleset_version: OLD, urgency: "routine_soon" });
    expect(h.previous_decision).toMatchObject({ action: "accept", modality: "none", note: "Reviewed, conservative care.", decidedById: doctorId });
  });

  it("keeps a decision whose suggestion did not change", async () => {
    expect(await row("openSame")).toMatchObject({ version: 3, urgency: "none", decision: "accept" });
    const { rows } = await client.query("SELECT previous_decision, gained, lost FROM visit_reevaluations WHERE visit_id = $1", [ids.openSame]);
    expect(rows).toEqual([{ previous_decision: null, gained: [], lost: [] }]);
  });

  it("audits each re-evaluation and the upgrade, ids and versions only", async () => {
    const { rows } = await client.query(
      `SELECT actor_id, action, entity_id, patient_id::text, details FROM audit_events
        WHERE action IN ('visit.reevaluate', 'ruleset.upgrade') ORDER BY id`,
    );
    expect(rows).toEqual([
      // the first migrate, on the empty database
      expect.objectContaining({ actor_id: null, action: "ruleset.upgrade", entity_id: RULESET_LABEL, details: expect.objectContaining({ reevaluated: 0 }) }),
      expect.objectContaining({ actor_id: null, action: "visit.reevaluate", patient_id: patientId }),
      expect.objectContaining({ actor_id: null, action: "visit.reevaluate", patient_id: patientId }),
      expect.objectContaining({ actor_id: null, action: "ruleset.upgrade", entity_id: RULESET_LABEL, details: expect.objectContaining({ reevaluated: 2, recalls: 1 }) }),
    ]);
    const changed = rows.find((r) => r.entity_id === ids.openChanged);
    expect(changed.details).toEqual({ version: 3, fromRuleset: OLD, toRuleset: RULESET_LABEL });
  });

  it("never rewrites a signed visit: the ones now ranked higher go on the recall list", async () => {
    for (const key of ["signedHigher", "signedSame"]) {
      const v = await row(key);
      expect(v).toMatchObject({ status: "SIGNED", version: 4, urgency: key === "signedHigher" ? "routine_soon" : "none", decision: "accept" });
      expect(v.evaluation.ruleset_version).toBe(OLD);
    }
    const { rows } = await client.query(
      "SELECT visit_id::text, signed_ruleset, current_ruleset, signed_urgency::text, current_urgency::text, gained, red_flag_gained, reviewed_at FROM ruleset_recalls",
    );
    expect(rows).toEqual([
      {
        visit_id: ids.signedHigher,
        signed_ruleset: OLD,
        current_ruleset: RULESET_LABEL,
        signed_urgency: "routine_soon",
        current_urgency: "emergency",
        gained: ["RF-BLEED-01", "DATA-01", "DATA-02"],
        red_flag_gained: true,
        reviewed_at: null,
      },
    ]);
  });

  it("leaves drafts and visits already under the current rules alone", async () => {
    expect(await row("draft")).toMatchObject({ status: "DRAFT", version: 1, evaluation: null });
    expect(await row("openCurrent")).toMatchObject({ version: 2 });
  });

  it("runs once: a second migrate changes nothing and adds no recall", async () => {
    const again = await migrate(url);
    expect(again.ruleset).toMatchObject({ reevaluated: 0, recalls: 0, signedChecked: 0, alreadyApplied: true });
    expect((await client.query("SELECT count(*)::int AS n FROM ruleset_recalls")).rows[0].n).toBe(1);
    expect((await client.query("SELECT count(*)::int AS n FROM visit_reevaluations")).rows[0].n).toBe(2);
  });

  it("after the upgrade, the impact report shows only the signed visit (open ones are current)", async () => {
    const r = await rulesetImpact(client);
    expect(r.changed).toBe(1);
    expect(r.byStatus.SIGNED.changed).toBe(1);
    expect(r.byStatus.SUBMITTED.changed).toBe(0);
  });
});
