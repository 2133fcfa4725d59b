// Bulk visits for benchmarks: generated intakes run through the real engine (validate, evaluate, compact) and
// inserted a thousand rows per statement (jsonb_to_recordset). About 3.3 visits per patient, 40 % waiting
// (SUBMITTED) and 60 % SIGNED with an accepted decision, submitted over the last year; a few names with commas,
// quotes and non-Latin scripts. Stands in until `npm run db:seed -- --visits N` exists.
import pg from "pg";
import { compactAnswers, evaluate, validateIntake } from "../../lib/clinical";
import { addDays } from "../../lib/clinical/dates";
import { CLINIC_MIX, generateIntake, seededRandom, STRESS_MIX } from "../../lib/clinical/test-support/generate";

const GIVEN = ["Maria", "James", "Aisha", "Tomasz", "Mei", "Kwame", "Ingrid", "Ravi", "Zoë", "José", "Ζωή", "Жанна", "小明", "Siobhán", 'Robert "Bob"'];
const FAMILY = ["Garcia", "O'Neill", "Khan", "Nowak", "Chen", "Mensah", "Larsen", "Patel", "Smith, Jr.", "Müller", "Παπαδοπούλου", "Шевченко", "王", "=Formula", "Núñez"];

const BATCH = 1000;

async function insertJson(client: pg.Client, sql: string, rows: unknown[]) {
  await client.query(sql, [JSON.stringify(rows)]);
}

export async function ensureBulkVisits(url: string, target: number, log: (line: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const have = Number((await client.query(`SELECT count(*) AS n FROM visits WHERE status IN ('SUBMITTED', 'SIGNED')`)).rows[0].n);
    if (have >= target) {
      log(`reusing ${have} visits already in the database`);
      return;
    }
    const users = (await client.query(`SELECT id, email FROM users`)).rows as { id: string; email: string }[];
    const staff = users.find((u) => u.email === "staff@example.org")!.id;
    const doctor = users.find((u) => u.email === "doctor@example.org")!.id;
    const missing = target - have;
    const patientCount = Math.ceil(missing / 3.3);
    const started = Date.now();
    const rand = seededRandom(have + 1);
    const patientIds: string[] = [];
    for (let from = 0; from < patientCount; from += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, patientCount - from) }, (_, i) => {
        const n = have + from + i;
        const year = 1935 + Math.floor(rand() * 70);
        return {
          mrn: `BULK-${String(n).padStart(7, "0")}`,
          given_name: GIVEN[Math.floor(rand() * GIVEN.length)],
          family_name: FAMILY[Math.floor(rand() * FAMILY.length)],
          birth_date: `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`,
          sex: rand() < 0.5 ? "female" : "male",
        };
      });
      const res = await client.query(
        `INSERT INTO patients (mrn, given_name, family_name, birth_date, sex)
         SELECT r.mrn, r.given_name, r.family_name, r.birth_date, r.sex::"Sex"
           FROM jsonb_to_recordset($1::jsonb) AS r(mrn text, given_name text, family_name text, birth_date date, sex text)
         ON CONFLICT (mrn) DO UPDATE SET mrn = EXCLUDED.mrn
         RETURNING id`,
        [JSON.stringify(rows)],
      );
      patientIds.push(...res.rows.map((r: { id: string }) => r.id));
    }
    log(`${patientIds.length} patients in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const today = new Date().toISOString().slice(0, 10);
    let made = 0;
    let tries = 0;
    while (made < missing) {
      const rows: unknown[] = [];
      while (rows.length < Math.min(BATCH, missing - made)) {
        tries += 1;
        const visitDate = addDays(today, -Math.floor(rand() * 365));
        const raw = generateIntake(rand, { ...(rand() < 0.1 ? STRESS_MIX : CLINIC_MIX), visitDate });
        const result = validateIntake(raw, { today });
        if (!result.ok) continue;
        const evaluation = evaluate(result.intake);
        const signed = rand() < 0.6;
        const submittedAt = new Date(`${visitDate}T08:00:00Z`).getTime() + Math.floor(rand() * 9 * 3600_000);
        const signedAt = submittedAt + Math.floor(rand() * 3 * 3600_000);
        rows.push({
          patient_id: patientIds[Math.floor(rand() * patientIds.length)],
          status: signed ? "SIGNED" : "SUBMITTED",
          answers: compactAnswers(result.intake),
          evaluation,
          ruleset_version: evaluation.ruleset_version,
          urgency: evaluation.urgency,
          imaging_modality: evaluation.imaging.modality,
          red_flags: evaluation.red_flags,
          version: signed ? 4 : 2,
          submitted_at: new Date(submittedAt).toISOString(),
          decided: signed,
          signed_at: signed ? new Date(signedAt).toISOString() : null,
        });
      }
      await insertJson(
        client,
        `INSERT INTO visits (patient_id, status, answers, evaluation, ruleset_version, urgency, imaging_modality, red_flags, version,
                             created_by_id, created_at, updated_at, submitted_by_id, submitted_at,
                             decision, decision_modality, decided_by_id, decided_at, signed_by_id, signed_at)
         SELECT r.patient_id, r.status::"VisitStatus", r.answers, r.evaluation, r.ruleset_version, r.urgency::"Urgency",
                r.imaging_modality::"ImagingModality", ARRAY(SELECT jsonb_array_elements_text(r.red_flags)), r.version,
                '${staff}', r.submitted_at, coalesce(r.signed_at, r.submitted_at), '${staff}', r.submitted_at,
                CASE WHEN r.decided THEN 'accept'::"DecisionAction" END,
                CASE WHEN r.decided THEN r.imaging_modality::"ImagingModality" END,
                CASE WHEN r.decided THEN '${doctor}'::uuid END, r.signed_at,
                CASE WHEN r.decided THEN '${doctor}'::uuid END, r.signed_at
           FROM jsonb_to_recordset($1::jsonb) AS r(patient_id uuid, status text, answers jsonb, evaluation jsonb,
                ruleset_version text, urgency text, imaging_modality text, red_flags jsonb, version int,
                submitted_at timestamptz, decided boolean, signed_at timestamptz)`,
        rows,
      );
      made += rows.length;
      if (made % 20_000 < BATCH) log(`${made} / ${missing} visits (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    // A few addenda on signed visits, so summaries with remarks are among the ones rendered.
    await client.query(
      `INSERT INTO addenda (visit_id, author_id, text, created_at)
       SELECT v.id, '${doctor}', 'Follow-up call: symptoms improving, advice repeated.', v.signed_at + interval '1 day'
         FROM visits v WHERE v.status = 'SIGNED' AND abs(hashtext(v.id::text)) % 50 = 0
           AND NOT EXISTS (SELECT 1 FROM addenda a WHERE a.visit_id = v.id)`,
    );
    await client.query("ANALYZE");
    log(`${made} visits (${tries - made} generated intakes failed validation and were skipped) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}
