// Issue 18 item 8, outputs, against the production build: the FHIR ServiceRequests are a proposal (the engine) and
// a plan (the doctor), never an order, "stat" only in an emergency; the one-page patient handout (plain words,
// printable, axe-clean) and its page at the end of the PDF, which states the time zone; "Advice for the patient"
// without the clinician's prescribing lines; the pain chart on a time scale, with the PEG items.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { bundleErrors } from "../lib/export/test-support/fhir-validate";
import { pdfText } from "../lib/export/test-support/pdf-text";
import { apiContexts, type TWho } from "./accounts";
import { expectNoAxeViolations, signedIn, USERS, shotPath } from "./support";

const vignettes = JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: Record<string, unknown> }[] };
const intake = (id: string) => vignettes.vignettes.find((v) => v.id === id)!.intake;
const letters = Date.now()
  .toString()
  .split("")
  .map((d) => "abcdefghij"[Number(d)])
  .join("");
/** Rule ids, catalogue field ids and source tags: none belongs in what a patient reads. */
const CODES = /\b(RF|PW|ADV|CC|DATA)-[A-Z0-9-]+|\b[a-z]+_[a-z_]+\b|\[[A-Za-z0-9:_.-]+\]/;

type TServiceRequest = { resourceType: string; intent?: string; status?: string; priority?: string; code?: { coding?: { code?: string }[] } };

test.describe("outputs", () => {
  let ctx: Record<TWho, APIRequestContext>;
  let n = 0;

  async function patient(): Promise<string> {
    n += 1;
    // Similar names with the same birth date ask "is this a different person?" (409): these are different people.
    const p = await ctx.staff.post("/api/v1/patients", {
      data: { mrn: `OUT-${letters}-${n}`, givenName: "Robin", familyName: `Outputs${letters}${"abcdefghij"[n % 10]}`, birthDate: `19${50 + n}-04-${String(10 + n).padStart(2, "0")}`, sex: "female", confirmDistinct: true },
    });
    expect(p.status()).toBe(201);
    return ((await p.json()) as { id: string }).id;
  }

  async function submitted(answers: Record<string, unknown>): Promise<{ id: string; version: number }> {
    const v = (await (await ctx.staff.post("/api/v1/visits", { data: { patientId: await patient() } })).json()) as { id: string; version: number };
    const res = await ctx.staff.post(`/api/v1/visits/${v.id}/submit`, { data: { version: v.version, answers } });
    expect(res.status()).toBe(200);
    return { id: v.id, version: ((await res.json()) as { version: number }).version };
  }

  async function requests(visitId: string): Promise<TServiceRequest[]> {
    const res = await ctx.doctor.get(`/api/v1/visits/${visitId}/fhir`);
    expect(res.status()).toBe(200);
    const bundle = (await res.json()) as { entry: { resource: TServiceRequest }[] };
    expect(bundleErrors(bundle)).toEqual([]);
    return bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === "ServiceRequest");
  }
  const shape = (rs: TServiceRequest[]) => rs.map((r) => [r.intent, r.status, r.priority, r.code?.coding?.[1]?.code]);

  test.beforeAll(async ({ playwright, baseURL }) => {
    ctx = await apiContexts(playwright.request, baseURL!);
  });

  test.afterAll(async () => {
    for (const c of Object.values(ctx)) await c.dispose();
  });

  test("FHIR: the suggestion is a proposal, a decision a plan, never an order; stat only in an emergency", async () => {
    // Suggestion waiting (emergency MRI, V17), then accepted.
    const emergency = await submitted(intake("LBP-V17"));
    expect(shape(await requests(emergency.id))).toEqual([["proposal", "active", "stat", "mri"]]);
    expect((await ctx.doctor.post(`/api/v1/visits/${emergency.id}/decision`, { data: { version: emergency.version, action: "accept" } })).status()).toBe(200);
    expect(shape(await requests(emergency.id))).toEqual([
      ["proposal", "completed", "stat", "mri"],
      ["plan", "active", "stat", "mri"],
    ]);

    // An override to CT outside an emergency (V28: X-ray after a fall) is a plan, not a stat order.
    const fall = await submitted(intake("LBP-V28"));
    const before = await requests(fall.id);
    expect(before.map((r) => r.intent)).toEqual(["proposal"]);
    expect(before[0]!.priority).not.toBe("stat");
    const override = { version: fall.version, action: "override", modality: "ct", reasonCode: "clinical_examination" };
    expect((await ctx.doctor.post(`/api/v1/visits/${fall.id}/decision`, { data: override })).status()).toBe(200);
    const after = await requests(fall.id);
    expect(after.map((r) => [r.intent, r.status, r.code?.coding?.[1]?.code])).toEqual([
      ["proposal", "revoked", "xray"],
      ["plan", "active", "ct"],
    ]);
    for (const r of after) {
      expect(r.intent).not.toBe("order");
      expect(r.priority).not.toBe("stat");
    }
  });

  test("the patient handout: plain words, axe-clean, and it prints on one page without the app around it", async ({ page }) => {
    const v = await submitted(intake("LBP-V17"));
    await signedIn(page, USERS.staff);
    await page.goto(`/visits/${v.id}`);
    await page.getByRole("link", { name: "Patient handout" }).click();
    await expect(page).toHaveURL(new RegExp(`/visits/${v.id}/handout$`));
    const handout = page.getByRole("article", { name: "Your back pain: what happens next" });
    await expect(handout).toBeVisible();
    await expect(handout).toContainText("Go to the emergency department now.");
    await expect(handout.getByRole("heading", { name: "What happens next", exact: true })).toBeVisible();
    await expect(handout.getByRole("heading", { name: "Get help straight away" })).toBeVisible();
    await expect(handout).toContainText("Come back immediately, or go to the emergency department");
    const text = await handout.innerText();
    expect(text).not.toMatch(CODES);
    expect(text).not.toMatch(/NSAID|opioid|Prescribing/i);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: shotPath("docs/screenshots/handout-screen.png"), fullPage: true });

    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".app-header")).toBeHidden();
    await expect(page.getByRole("button", { name: "Print this page" })).toBeHidden();
    await expect(page.getByRole("link", { name: "Back to the visit result" })).toBeHidden();
    await expect(handout).toBeVisible();
    await page.screenshot({ path: shotPath("docs/screenshots/handout-print.png"), fullPage: true });
    const printed = await pdfText(await page.pdf({ format: "A4", printBackground: true }));
    expect(printed.pages).toHaveLength(1);
    expect(printed.pages[0]).toContain("Your back pain: what happens next");
  });

  test("the PDF ends with the handout page and states the time zone", async () => {
    const v = await submitted(intake("LBP-V19"));
    const res = await ctx.doctor.get(`/api/v1/visits/${v.id}/summary.pdf`);
    expect(res.status()).toBe(200);
    const { pages } = await pdfText(await res.body());
    const all = pages.join("\n");
    expect(all).toMatch(/Times are in [A-Za-z_]+(\/[A-Za-z_]+)*\./);
    const last = pages.at(-1)!.replace(/\s+/g, " ");
    expect(last).toContain("Your back pain: what happens next");
    expect(last).toContain("A doctor needs to see you within 24 hours.");
    expect(last).toContain("Get help straight away");
    expect(last).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(last.replace(/MRN [^·]+·/, "")).not.toMatch(/\b(RF|PW|ADV|CC|DATA)-[A-Z0-9-]+/);
    expect(pages.slice(0, -1).join("\n")).not.toContain("A doctor needs to see you within 24 hours.");
  });

  test("Advice for the patient holds no prescribing line; those are the clinician's", async ({ page }) => {
    const v = await submitted({ ...intake("LBP-V01"), medications: ["opioid", "anticoagulant"], sleep_hours: 5 });
    await signedIn(page, USERS.doctor);
    await page.goto(`/visits/${v.id}`);
    const patientAdvice = page.locator("section", { has: page.getByRole("heading", { name: "Advice for the patient" }) });
    await expect(patientAdvice).toBeVisible();
    await expect(patientAdvice).toContainText("Aim for 7 to 8 hours of sleep");
    expect(await patientAdvice.innerText()).not.toMatch(/NSAID|opioid|Prescribing|Medication review/i);
    const clinician = page.locator("section", { has: page.getByRole("heading", { name: "For the clinician: medicines, tests and review" }) });
    await expect(clinician).toContainText("Opioid use");
    await expect(clinician).toContainText("NSAID");
    await expectNoAxeViolations(page);
    // The review page splits the advice the same way.
    await page.goto(`/review/${v.id}`);
    const reviewPatient = page.locator("section", { has: page.getByRole("heading", { name: "Advice for the patient" }) });
    await expect(reviewPatient).toContainText("Aim for 7 to 8 hours of sleep");
    expect(await reviewPatient.innerText()).not.toMatch(/NSAID|opioid|Prescribing|Medication review/i);
    await expect(page.locator("section", { has: page.getByRole("heading", { name: "For the clinician: medicines, tests and review" }) })).toContainText("Opioid use");
    // The handout carries the patient advice only.
    await page.goto(`/visits/${v.id}/handout`);
    await expect(page.getByRole("article")).toContainText("Aim for 7 to 8 hours of sleep");
    expect(await page.getByRole("article").innerText()).not.toMatch(/NSAID|opioid|Prescribing/i);
    await expect(page.getByRole("heading", { name: "Looking after your back" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: shotPath("docs/screenshots/handout-self-care.png"), fullPage: true });
  });

  test("the pain chart spaces visits by date and can show the PEG items", async ({ page }) => {
    const patientId = await patient();
    const visits = [
      { date: "2025-01-06", pain: 8, peg: [7, 6, 8] },
      { date: "2025-01-10", pain: 6, peg: [6, 5, 6] },
      { date: "2025-11-06", pain: 3, peg: [3, 2, 2] },
    ];
    for (const v of visits) {
      const started = (await (await ctx.staff.post("/api/v1/visits", { data: { patientId } })).json()) as { id: string; version: number };
      const saved = await ctx.staff.put(`/api/v1/visits/${started.id}/answers`, {
        data: {
          version: started.version,
          answers: { visit_date: v.date, pain_score_now: v.pain, peg_pain_avg_week: v.peg[0], peg_enjoyment_interference: v.peg[1], peg_activity_interference: v.peg[2] },
        },
      });
      expect(saved.status()).toBe(200);
    }
    await signedIn(page, USERS.doctor);
    await page.goto(`/patients/${patientId}`);
    const chart = page.getByRole("img", { name: /^Pain score chart, 0 to 10, across 3 visits/ });
    await expect(chart).toBeVisible();
    const xs = await chart.locator("circle.pain-chart-point").evaluateAll((els) => els.map((el) => Number(el.getAttribute("cx"))));
    expect(xs).toHaveLength(3);
    const [a, b, c] = xs as [number, number, number];
    // 4 days against 300: the gaps follow the dates, not the visit count.
    expect((c - b) / (b - a)).toBeCloseTo(300 / 4, 0);
    const ticks = await chart.locator(".pain-chart-date-tick text").allTextContents();
    expect(ticks[0]).toBe("6 Jan 2025");
    expect(ticks.at(-1)).toBe("6 Nov 2025");

    const pegLines = chart.locator("path.pain-chart-line-peg");
    await expect(pegLines).toHaveCount(3);
    await expect(pegLines.first()).toBeHidden();
    await page.getByLabel(/Show the PEG scores/).check();
    await expect(pegLines.first()).toBeVisible();
    await expect(page.getByRole("list", { name: "PEG lines" })).toContainText("Pain getting in the way of enjoying life");
    await page.getByText("Show the pain scores as a table").click();
    const table = page.getByRole("table", { name: "Pain score and PEG items at each visit, oldest first" });
    await expect(table.getByRole("row")).toHaveCount(4);
    await expect(table.getByRole("row").nth(3)).toContainText("6 Nov 2025");
    await expect(table.getByRole("row").nth(3).getByRole("cell").nth(0)).toHaveText("3");
    await expect(table.getByRole("row").nth(3).getByRole("cell").nth(2)).toHaveText("2");
    await expectNoAxeViolations(page);
    await page.locator(".pain-chart").screenshot({ path: shotPath("docs/screenshots/pain-chart-time-scale.png") });
  });
});
