// Synthetic visits for demos, the queue benchmark and the exports benchmark: generated intakes run through
// the real engine (so urgency, flags and imaging columns are exactly what a submission would store), spread
// over the last three years, in a clinic-like mix of drafts, submitted and signed visits with decisions.
// Deterministic for a given seed. Inserted in batches with unnest() so 100,000 visits take well under a minute.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { compactAnswers, evaluate, MODALITIES, unansweredSafetyQuestions, validateIntake, type Evaluation, type TIntake, type Tier } from "@/lib/clinical";
import { OVERRIDE_REASONS } from "@/lib/contracts/visit";
import { evaluationColumns } from "../evaluation-columns";
import { DEMO_USERS } from "./demo";
import { CLINIC_MIX, generateIntake, seededRandom, STRESS_MIX } from "./generate";

const GIVEN = [
  "Maria", "James", "Aisha", "Tomasz", "Mei", "Kwame", "Ingrid", "Ravi", "Sofia", "Liam", "Fatima", "Noah", "Yuki",
  "Olga", "Mateo", "Amara", "Hannah", "Omar", "Chloe", "Dmitri", "Priya", "Lucas", "Zainab", "Elena", "Kofi",
  "Siobhan", "Hiroshi", "Ana", "Jonas", "Leila", "Ben", "Nadia", "Pedro", "Grace", "Arjun", "Eva", "Samuel",
  // Names that exports and searches must survive: diacritics, other scripts, quotes.
  "Zoë", "José", "Ζωή", "Жанна", "小明", "Siobhán", 'Robert "Bob"',
];
const FAMILY = [
  "Smith", "Garcia", "Khan", "Nowak", "Chen", "Mensah", "Larsen", "Patel", "Rossi", "Müller", "O'Neill",
  "Nguyen", "Kowalski", "Silva", "Okafor", "Haddad", "Ivanova", "Tanaka", "Jones", "Smithson", "Brown", "Kim",
  "Andersen", "Dubois", "Fernández", "Ahmed", "Schmidt", "Wilson", "Novak", "Cohen", "Mbeki", "Singh", "Lopez",
  "Smith, Jr.", "Παπαδοπούλου", "Шевченко", "王", "=Formula", "Núñez",
];

const SYLLABLES = ["an", "ber", "cal", "dor", "el", "fen", "gar", "hol", "is", "jen", "kar", "lin", "mor", "nov", "ol", "per", "quin", "ros", "sel", "tor", "ul", "vas", "wen", "yar", "zan", "bri", "cha", "dal", "ek", "fro"];

/** A clinic has thousands of surnames: mostly invented from syllables, some from the list (searches, exports). */
function familyName(rand: () => number): string {
  if (rand() < 0.15) return FAMILY[Math.floor(rand() * FAMILY.length)] as string;
  const parts = 2 + Math.floor(rand() * 2);
  let name = "";
  for (let i = 0; i < parts; i++) name += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ageOn = (birth: string, day: string) => {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

/** Mostly negative answers, normal temperatures: the bulk of a back-pain clinic. */
const QUIET_MIX = { ...CLINIC_MIX, yesRate: 0.001, optionalYesRate: 0.02, blankRate: 0.001, pickRate: 0.01, temperature: [36, 37.6] as const };

/** 70% no red flag, 20% routine soon, 8% urgent, 2% emergency (design/queue-performance.md). */
function pickTier(x: number): Tier {
  return x < 0.02 ? "emergency" : x < 0.1 ? "urgent" : x < 0.3 ? "routine_soon" : "none";
}

const OVERRIDE_CODES = OVERRIDE_REASONS.map((r) => r.value);

export interface TSeedVisitsOptions {
  visits: number;
  /** patients to spread the visits over (default: 30% of the visits) */
  patients?: number;
  seed?: number;
  /** share of drafts / submitted (the rest are signed) */
  draftShare?: number;
  submittedShare?: number;
  now?: Date;
  log?: (line: string) => void;
}

interface TUserIds {
  staff: string;
  doctor: string;
}

async function demoUserIds(client: pg.ClientBase): Promise<TUserIds> {
  const { rows } = await client.query<{ id: string; email: string }>(
    "SELECT id::text, email FROM users WHERE email = ANY($1)",
    [DEMO_USERS.map((u) => u.email)],
  );
  const byEmail = new Map(rows.map((r) => [r.email, r.id]));
  const staff = byEmail.get("staff@example.org");
  const doctor = byEmail.get("doctor@example.org");
  if (!staff || !doctor) throw new Error("Seed the demo users first (npm run db:seed).");
  return { staff, doctor };
}

/** Insert `visits` synthetic visits (and their patients); returns the counts inserted. */
export async function seedVisits(databaseUrl: string, options: TSeedVisitsOptions): Promise<{ patients: number; visits: number }> {
  const log = options.log ?? (() => {});
  const rand = seededRandom(options.seed ?? 7);
  const now = (options.now ?? new Date()).getTime();
  const patientCount = Math.max(1, options.patients ?? Math.ceil(options.visits * 0.3));
  const draftShare = options.draftShare ?? 0.05;
  const submittedShare = options.submittedShare ?? 0.35;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const users = await demoUserIds(client);
    const runId = `${Date.now().toString(36).toUpperCase()}${Math.floor(rand() * 1296).toString(36).toUpperCase()}`;

    // Patients: ages 18-90 today, names from a mixed list.
    const patients: { id: string; birth: string; sex: string }[] = [];
    for (let start = 0; start < patientCount; start += 2000) {
      const batch = Math.min(2000, patientCount - start);
      const cols = { id: [] as string[], mrn: [] as string[], given: [] as string[], family: [] as string[], birth: [] as string[], sex: [] as string[] };
      for (let i = 0; i < batch; i++) {
        const id = randomUUID();
        const birth = iso(now - (18 + Math.floor(rand() * 72)) * 365.25 * DAY_MS - Math.floor(rand() * 365) * DAY_MS);
        const sex = rand() < 0.52 ? "female" : "male";
        cols.id.push(id);
        cols.mrn.push(`SYN-${runId}-${String(start + i + 1).padStart(6, "0")}`);
        cols.given.push(GIVEN[Math.floor(rand() * GIVEN.length)] as string);
        cols.family.push(familyName(rand));
        cols.birth.push(birth);
        cols.sex.push(sex);
        patients.push({ id, birth, sex });
      }
      await client.query(
        `INSERT INTO patients (id, mrn, given_name, family_name, birth_date, sex)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::"Sex"[])`,
        [cols.id, cols.mrn, cols.given, cols.family, cols.birth, cols.sex],
      );
    }
    log(`inserted ${patientCount} patients`);

    let inserted = 0;
    const BATCH = 1000;
    for (let start = 0; start < options.visits; start += BATCH) {
      const batch = Math.min(BATCH, options.visits - start);
      const c = {
        id: [] as string[], patient: [] as string[], status: [] as string[], answers: [] as string[], evaluation: [] as (string | null)[],
        ruleset: [] as (string | null)[], urgency: [] as (string | null)[], imaging: [] as (string | null)[], rule: [] as (string | null)[],
        flags: [] as string[], version: [] as number[], created: [] as string[], submittedBy: [] as (string | null)[], submittedAt: [] as (string | null)[],
        signedBy: [] as (string | null)[], signedAt: [] as (string | null)[], decision: [] as (string | null)[], decisionModality: [] as (string | null)[],
        reasonCode: [] as (string | null)[], reasonText: [] as (string | null)[], decidedBy: [] as (string | null)[], decidedAt: [] as (string | null)[],
        acknowledged: [] as boolean[], cannot: [] as string[], askNow: [] as boolean[], blankCode: [] as (string | null)[],
      };
      for (let i = 0; i < batch; i++) {
        const roll = rand();
        const status = roll < draftShare ? "DRAFT" : roll < draftShare + submittedShare ? "SUBMITTED" : "SIGNED";
        // Waiting visits are recent; signed ones spread over three years.
        const ageMs = status === "SIGNED" ? 2 * DAY_MS + rand() * 3 * 365 * DAY_MS : rand() * 30 * DAY_MS;
        const created = now - ageMs;
        const visitDay = iso(created);
        // A clinic's urgency mix: pick the tier first, then generate until the engine agrees (rejection sampling).
        const wanted = pickTier(rand());
        let patient = patients[0] as (typeof patients)[number];
        let raw: Record<string, unknown> = {};
        let intake: TIntake | null = null;
        let evaluation: Evaluation | null = null;
        for (let attempt = 0; attempt < 60; attempt++) {
          patient = patients[Math.floor(rand() * patients.length)] as (typeof patients)[number];
          const mix = wanted === "emergency" || wanted === "urgent" ? STRESS_MIX : QUIET_MIX;
          raw = generateIntake(rand, { ...mix, visitDate: visitDay }) as Record<string, unknown>;
          raw.age_years = Math.max(0, ageOn(patient.birth, visitDay));
          raw.sex = patient.sex;
          const result = validateIntake(raw, { today: iso(now) });
          intake = result.ok ? result.intake : null;
          evaluation = intake ? evaluate(intake) : null;
          if (evaluation?.urgency === wanted) break;
        }
        if (status === "DRAFT") evaluation = null;
        const finalStatus = evaluation ? status : "DRAFT";
        const submittedAt = evaluation ? new Date(created + 20 * 60_000).toISOString() : null;
        c.id.push(randomUUID());
        c.patient.push(patient.id);
        c.status.push(finalStatus);
        c.answers.push(JSON.stringify(intake ? compactAnswers(intake) : raw));
        c.evaluation.push(evaluation ? JSON.stringify(evaluation) : null);
        const cols = evaluation ? evaluationColumns(evaluation) : null;
        c.ruleset.push(cols?.ruleset_version ?? null);
        c.urgency.push(cols?.urgency ?? null);
        c.imaging.push(cols?.imaging_modality ?? null);
        c.rule.push(cols?.imaging_rule ?? null);
        c.flags.push(`{${(cols?.red_flags ?? []).join(",")}}`);
        c.cannot.push(`{${(cols?.cannot_exclude ?? []).join(",")}}`);
        c.askNow.push(cols?.ask_now ?? false);
        // As submitVisit requires it: blank safety answers that leave a red flag unexcluded come with a reason.
        c.blankCode.push(evaluation && evaluation.missing.length > 0 ? (rand() < 0.5 ? "patient_unable" : "declined") : null);
        c.created.push(new Date(created).toISOString());
        c.submittedBy.push(evaluation ? users.staff : null);
        c.submittedAt.push(submittedAt);
        const signed = finalStatus === "SIGNED" && evaluation;
        const override = signed && rand() < 0.12;
        const suggested = evaluation?.imaging.modality ?? "none";
        const chosen = override ? (MODALITIES.filter((m) => m !== suggested)[Math.floor(rand() * 3)] as string) : suggested;
        const code = override ? OVERRIDE_CODES[Math.floor(rand() * OVERRIDE_CODES.length)] as string : null;
        const decidedAt = signed ? new Date(created + 2 * 3_600_000).toISOString() : null;
        c.decision.push(signed ? (override ? "override" : "accept") : null);
        c.decisionModality.push(signed ? chosen : null);
        c.reasonCode.push(code);
        c.reasonText.push(code === "other" ? "Synthetic reason" : null);
        c.decidedBy.push(signed ? users.doctor : null);
        c.decidedAt.push(decidedAt);
        c.signedBy.push(signed ? users.doctor : null);
        c.signedAt.push(signed ? new Date(created + 2 * 3_600_000 + 60_000).toISOString() : null);
        // As signVisit records it: a result missing safety answers is signed only with the doctor's acknowledgement.
        c.acknowledged.push(Boolean(signed && unansweredSafetyQuestions(signed).length > 0));
        c.version.push(finalStatus === "DRAFT" ? 1 : finalStatus === "SUBMITTED" ? 2 : 4);
      }
      await client.query(
        `INSERT INTO visits (id, patient_id, status, answers, evaluation, ruleset_version, urgency, imaging_modality, imaging_rule,
                             red_flags, version, created_by_id, created_at, updated_at, submitted_by_id, submitted_at,
                             signed_by_id, signed_at, decision, decision_modality, decision_reason_code, decision_reason_text,
                             decided_by_id, decided_at, provisional_acknowledged, cannot_exclude, ask_now, blank_reason_code)
         SELECT id, patient, status::"VisitStatus", answers::jsonb, evaluation::jsonb, ruleset, urgency::"Urgency",
                imaging::"ImagingModality", rule, flags::text[], version, $24::uuid, created, created, submitted_by, submitted_at,
                signed_by, signed_at, decision::"DecisionAction", decision_modality::"ImagingModality",
                reason_code::"OverrideReason", reason_text, decided_by, decided_at, acknowledged, cannot::text[], ask_now,
                blank_code::"BlankReason"
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                       $10::text[], $11::int[], $12::timestamptz[], $13::uuid[], $14::timestamptz[], $15::uuid[], $16::timestamptz[],
                       $17::text[], $18::text[], $19::text[], $20::text[], $21::uuid[], $22::timestamptz[], $23::boolean[],
                       $25::text[], $26::boolean[], $27::text[])
             AS t(id, patient, status, answers, evaluation, ruleset, urgency, imaging, rule, flags, version, created,
                  submitted_by, submitted_at, signed_by, signed_at, decision, decision_modality, reason_code, reason_text,
                  decided_by, decided_at, acknowledged, cannot, ask_now, blank_code)`,
        [
          c.id, c.patient, c.status, c.answers, c.evaluation, c.ruleset, c.urgency, c.imaging, c.rule, c.flags, c.version,
          c.created, c.submittedBy, c.submittedAt, c.signedBy, c.signedAt, c.decision, c.decisionModality, c.reasonCode,
          c.reasonText, c.decidedBy, c.decidedAt, c.acknowledged, users.staff, c.cannot, c.askNow, c.blankCode,
        ],
      );
      inserted += batch;
      if (inserted % 10_000 === 0) log(`inserted ${inserted} visits`);
    }
    // What autovacuum does in a running clinic: statistics, hint bits and the visibility map (index-only scans).
    await client.query("VACUUM (ANALYZE) patients");
    await client.query("VACUUM (ANALYZE) visits");
    log(`inserted ${inserted} visits over ${patientCount} patients`);
    return { patients: patientCount, visits: inserted };
  } finally {
    await client.end();
  }
}
