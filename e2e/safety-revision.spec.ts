// The 1.2 safety revision end to end (knowledge.md 0.4): a blank safety answer is "cannot exclude", never "no".
// Staff are asked to go back and ask, and submit without the answer only with a coded reason; the doctor sees
// "Ask now" in the queue (first within urgent) and on the review page; the pregnancy question is asked of whom it
// applies to; signed visits the new rules rank higher reach a clinician on the Ruleset change review list.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { completeIntake, nextStepTo, type TAnswers } from "./intake-support";
import { e2eDatabaseUrl } from "./server-info";
import { expectNoAxeViolations, signedIn, USERS } from "./support";

const vignettes = JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: TAnswers }[] };
const byId = (id: string) => ({ ...vignettes.vignettes.find((v) => v.id === id)!.intake });

async function startDraft(page: Page, familyName: string, sex = "male"): Promise<{ id: string; patientId: string }> {
  const mrn = `E2E-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1000)}`;
  const patient = await page.request.post("/api/v1/patients", { data: { mrn, givenName: "Safety", familyName, birthDate: "1984-02-03", sex, confirmDistinct: true } });
  expect(patient.status()).toBe(201);
  const patientId = ((await patient.json()) as { id: string }).id;
  const visit = await page.request.post("/api/v1/visits", { data: { patientId } });
  const { id } = (await visit.json()) as { id: string };
  await page.goto(`/visits/${id}/intake`);
  await expect(page.locator('form[data-ready="true"]')).toBeVisible();
  return { id, patientId };
}

test.describe("blank safety answers", () => {
  test.beforeEach(async ({ page }) => {
    await signedIn(page, USERS.staff);
  });

  test("the form says what cannot be excluded and which question to ask; going back to ask is the main action", async ({ page }) => {
    await startDraft(page, "Askfirst");
    // N12-01: a clean case with the saddle question left blank.
    await completeIntake(page, byId("N12-01"));
    const panel = page.getByRole("region", { name: "Ask these questions before the patient leaves" });
    await expect(panel).toBeVisible();
    await expect(panel).toBeFocused();
    await expect(panel).toContainText("Cannot exclude cauda equina syndrome: ask about numbness in the saddle area");
    await expectNoAxeViolations(page);
    // The first button is "Go back and ask": it opens the question's step with the focus on it.
    await panel.getByRole("button", { name: "Go back and ask" }).click();
    await expect(page.getByRole("heading", { name: /^Step 3 of 6/ })).toBeVisible();
    await expect(page.locator('input[name="saddle_anesthesia"]').first()).toBeFocused();
    await page.locator('input[name="saddle_anesthesia"][value="false"]').check();
    for (let to = 4; to <= 6; to++) await nextStepTo(page, to);
    await page.getByRole("button", { name: "Submit intake" }).click();
    await expect(page.getByRole("heading", { name: "Urgency: No red flag" })).toBeVisible();
    await expect(page.locator("main").getByText(/Ask now/)).toHaveCount(0);
  });

  test("submitting without the answer takes a coded reason; the result says Ask now, urgent, never emergency", async ({ page }) => {
    const { id } = await startDraft(page, "Declined");
    await completeIntake(page, byId("N12-01"));
    const panel = page.getByRole("region", { name: "Ask these questions before the patient leaves" });
    await panel.getByText("The questions cannot be answered now").click();
    // No reason chosen: nothing is sent.
    await panel.getByRole("button", { name: "Submit without these answers" }).click();
    await expect(panel.getByRole("alert")).toHaveText(/Choose why the questions cannot be answered/);
    expect(page.url()).toContain("/intake");
    await panel.getByLabel("The patient declined to answer").check();
    await expectNoAxeViolations(page);
    await panel.getByRole("button", { name: "Submit without these answers" }).click();
    await expect(page).toHaveURL(new RegExp(`/visits/${id}$`));
    await expect(page.getByRole("heading", { name: "Ask now: cannot exclude cauda equina syndrome" })).toBeVisible();
    await expect(page.getByText("Submitted without these answers: The patient declined to answer.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Urgency: Urgent" })).toBeVisible();
    await expect(page.getByText(/emergency department now/i)).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test("the API refuses such a submit without blankReason: a 400 naming it, with what to ask; nothing is stored", async ({ page }) => {
    const { id } = await startDraft(page, "Apiblank");
    const answers = byId("N12-01");
    const refused = await page.request.post(`/api/v1/visits/${id}/submit`, { data: { version: 1, answers } });
    expect(refused.status()).toBe(400);
    const body = (await refused.json()) as { error: { fields: { field: string }[]; cannotExclude: { concern: string; questions: { short: string }[] }[] } };
    expect(body.error.fields.map((f) => f.field)).toEqual(["blankReason"]);
    expect(body.error.cannotExclude).toEqual([expect.objectContaining({ concern: "cauda equina syndrome", emergency: true })]);
    expect((await (await page.request.get(`/api/v1/visits/${id}`)).json()).status).toBe("DRAFT");
    const other = await page.request.post(`/api/v1/visits/${id}/submit`, { data: { version: 1, answers, blankReason: { code: "other" } } });
    expect(other.status()).toBe(400);
    expect(((await other.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(["blankReason.text"]);
    const ok = await page.request.post(`/api/v1/visits/${id}/submit`, {
      data: { version: 1, answers, blankReason: { code: "interpreter_needed" } },
    });
    expect(ok.status()).toBe(200);
    expect(((await ok.json()) as { evaluation: { urgency: string; cannot_exclude_emergency: boolean } }).evaluation).toMatchObject({
      urgency: "urgent",
      cannot_exclude_emergency: true,
    });
  });

  test("the pregnancy question is asked of a woman of 30, not of a man", async ({ page }) => {
    await startDraft(page, "Pregnancy", "female");
    await page.locator('input[name="age_years"]').fill("30");
    await page.locator('input[name="sex"][value="female"]').check();
    for (let to = 2; to <= 4; to++) await nextStepTo(page, to);
    const question = page.getByRole("group", { name: /Are you pregnant, or have you given birth in the last 12 weeks\?/ });
    await expect(question).toBeVisible();
    await page.getByRole("button", { name: /^1\. / }).click();
    await page.locator('input[name="sex"][value="male"]').check();
    await page.getByRole("button", { name: /^4\. / }).click();
    await expect(page.getByRole("heading", { name: /^Step 4 of 6/ })).toBeVisible();
    await expect(question).toHaveCount(0);
  });
});

test.describe("the doctor", () => {
  test("sees Ask now first within the urgent tier of the queue, and on the review page with the reason", async ({ page, browser }) => {
    // Staff submit an unasked cauda equina question, with a reason.
    const staff = await browser.newPage();
    await signedIn(staff, USERS.staff);
    const { id } = await startDraft(staff, "Asknowqueue");
    const submitted = await staff.request.post(`/api/v1/visits/${id}/submit`, {
      data: { version: 1, answers: byId("N12-01"), blankReason: { code: "patient_unable" } },
    });
    expect(submitted.status()).toBe(200);
    await staff.close();

    await signedIn(page, USERS.doctor);
    await page.goto("/review?urgency=urgent&pageSize=100");
    const ours = page.locator("table.queue tbody tr").filter({ hasText: "Asknowqueue" });
    await expect(ours).toContainText("Ask now: cannot exclude cauda equina syndrome");
    await expect(ours).toContainText("Urgent");
    await expect(ours).not.toContainText("EMERGENCY");
    // Within the urgent tier, every visit with a question to ask now comes before the others.
    const rows = await page.locator("table.queue tbody tr").allInnerTexts();
    const askNow = rows.map((text) => text.includes("Ask now: cannot exclude"));
    expect(askNow.indexOf(false) === -1 || askNow.lastIndexOf(true) < askNow.indexOf(false)).toBe(true);
    expect(askNow[rows.findIndex((t) => t.includes("Asknowqueue"))]).toBe(true);
    await expectNoAxeViolations(page);
    await page.goto(`/review/${id}`);
    await expect(page.getByRole("heading", { name: "Ask now: cannot exclude cauda equina syndrome" })).toBeVisible();
    await expect(page.getByText("Submitted without these answers: The patient is unable to answer.")).toBeVisible();
    await expect(page.getByText("⚠ EMERGENCY")).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test("works through the Ruleset change review list: a signed visit the new rules rank higher, marked reviewed (audited)", async ({ page }) => {
    // A visit signed under 1.1 and the recall entry the upgrade step writes for it, put in through the database.
    const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
    await client.connect();
    let recallId: string;
    let visitId: string;
    try {
      const users = await client.query<{ id: string; email: string }>("SELECT id::text, email FROM users WHERE email = ANY($1)", [[USERS.staff, USERS.doctor]]);
      const staffId = users.rows.find((u) => u.email === USERS.staff)!.id;
      const doctorId = users.rows.find((u) => u.email === USERS.doctor)!.id;
      const patient = await client.query<{ id: string }>(
        "INSERT INTO patients (mrn, given_name, family_name, birth_date, sex) VALUES ($1, 'Recall', 'Recallson', '1965-01-01', 'male') RETURNING id::text",
        [`E2E-RC-${Date.now().toString(36).toUpperCase()}`],
      );
      const evaluation = { ruleset_version: "1.1.0+0123456789ab", status: "final", urgency: "routine_soon", red_flags: ["RF-CA-04"], pathway_rules: [], advisories: [], data_flags: [], imaging: { modality: "none", detail: "no imaging", rule: null, tier: null, precedence: null, also_consider: [] }, blood_tests: { required: false, panel: [], panels: [], at_doctors_choice: [] }, doctor_queue: true, missing_fields: [], out_of_scope: null, safety_net: { id: "SAFETY-NET-CES", text: "Come back.", sources: [] }, conservative_care: [], derived: {}, explanations: [] };
      const visit = await client.query<{ id: string }>(
        `INSERT INTO visits (patient_id, status, answers, evaluation, ruleset_version, urgency, imaging_modality, red_flags, version,
                             created_by_id, submitted_by_id, submitted_at, signed_by_id, signed_at, decision, decision_modality, decided_by_id, decided_at)
         VALUES ($1, 'SIGNED', '{"age_years": 60}', $2, '1.1.0+0123456789ab', 'routine_soon', 'none', '{RF-CA-04}', 4, $3, $3, now(), $4, now(), 'accept', 'none', $4, now())
         RETURNING id::text`,
        [patient.rows[0]!.id, JSON.stringify(evaluation), staffId, doctorId],
      );
      visitId = visit.rows[0]!.id;
      const recall = await client.query<{ id: string }>(
        `INSERT INTO ruleset_recalls (visit_id, signed_ruleset, current_ruleset, signed_urgency, current_urgency, gained, red_flag_gained)
         VALUES ($1, '1.1.0+0123456789ab', '1.2.0+feedfacecafe', 'routine_soon', 'emergency', '{RF-BLEED-01}', true) RETURNING id::text`,
        [visitId],
      );
      recallId = recall.rows[0]!.id;
    } finally {
      await client.end();
    }

    await signedIn(page, USERS.doctor);
    await page.goto("/review/insight");
    await page.getByRole("link", { name: "Ruleset change review" }).click();
    await expect(page.getByRole("heading", { name: "Ruleset change review", level: 1 })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: "Recallson, Recall" });
    await expect(row).toContainText("Routine, soon → Emergency");
    await expect(row).toContainText("Anticoagulated with a new neurological deficit");
    await expectNoAxeViolations(page);
    await row.getByLabel("Note").fill("Phoned: seen in ED, no haematoma");
    await row.getByRole("button", { name: "Mark as reviewed: Recallson, Recall" }).click();
    // Reviewed entries move to their own view.
    await expect(page.getByRole("row").filter({ hasText: "Recallson, Recall" })).toHaveCount(0);
    await page.getByRole("link", { name: /^Reviewed \(\d+\)$/ }).click();
    const reviewed = page.getByRole("row").filter({ hasText: "Recallson, Recall" });
    await expect(reviewed).toContainText("Reviewed by Dr Dana Doctor");
    await expect(reviewed).toContainText("Phoned: seen in ED, no haematoma");
    await expectNoAxeViolations(page);
    // Once only.
    const again = await page.request.post(`/api/v1/ruleset-recalls/${recallId}/review`, { data: {} });
    expect(again.status()).toBe(409);

    const check = new pg.Client({ connectionString: e2eDatabaseUrl() });
    await check.connect();
    try {
      const audit = await check.query("SELECT action, details FROM audit_events WHERE entity_id = $1 AND action = 'ruleset_recall.review'", [visitId]);
      expect(audit.rows).toEqual([{ action: "ruleset_recall.review", details: { recallId } }]);
      const signed = await check.query("SELECT version, urgency::text FROM visits WHERE id = $1", [visitId]);
      expect(signed.rows).toEqual([{ version: 4, urgency: "routine_soon" }]);
    } finally {
      await check.end();
    }
  });
});
