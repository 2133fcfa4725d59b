// The review page for a doctor between patients (issue 18 item 2), against the production build: on a red-flag
// visit the summary comes first (patient line, urgency, suggestion and why, what cannot be excluded, the answers
// that fired rules), then the history as recorded with abnormal answers marked, then what changed since the last
// visit; rule details, sources and the diagnostic-tools table are folded. Everything is in the catalogue's words:
// no field id or rule id as main text. Signing asks once, saying what it locks (cancel changes nothing), and
// "Sign and open next" signs and opens the next unsigned visit in queue order.
import { mkdirSync, readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { QUESTION_LIST } from "../lib/clinical";
import { demo } from "./accounts";
import { expectNoAxeViolations, signedIn, USERS, shotPath } from "./support";

const vignettes = (JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: Record<string, unknown> }[] }).vignettes;
const V17 = vignettes.find((v) => v.id === "LBP-V17")!.intake; // cauda equina: emergency, RF-CES-01, MRI
/** The same patient a visit earlier, before the saddle numbness and the difficulty passing urine. */
const EARLIER = { ...V17, saddle_anesthesia: false, new_urinary_retention: false, pain_score_now: 5 };

const unique = () => `${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;

async function submitVisit(staff: APIRequestContext, patientId: string, answers: Record<string, unknown>): Promise<string> {
  const visit = await staff.post("/api/v1/visits", { data: { patientId } });
  expect(visit.status()).toBe(201);
  const { id, version } = (await visit.json()) as { id: string; version: number };
  const submit = await staff.post(`/api/v1/visits/${id}/submit`, { data: { version, answers } });
  expect(submit.status()).toBe(200);
  return id;
}

/** A patient with a unique family name and a submitted V17 visit; `earlier` first submits an earlier visit. */
async function redFlagVisit(staff: APIRequestContext, earlier = false): Promise<{ visitId: string; familyName: string; mrn: string }> {
  const familyName = `Reviewpage${unique().replace(/[0-9]/g, "")}`;
  const mrn = `RVP-${unique()}`;
  const patient = await staff.post("/api/v1/patients", { data: { mrn, givenName: "Rowan", familyName, birthDate: "1981-03-03", sex: "female", confirmDistinct: true } });
  expect(patient.status()).toBe(201);
  const patientId = ((await patient.json()) as { id: string }).id;
  if (earlier) await submitVisit(staff, patientId, EARLIER);
  return { visitId: await submitVisit(staff, patientId, V17), familyName, mrn };
}

/** The text a person reads in the page's main column, without the ids marked as small secondary text. */
function readableMain(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector<HTMLElement>(".review-main")!;
    const marked = [...main.querySelectorAll<HTMLElement>("[data-secondary-id]")];
    for (const el of marked) el.style.setProperty("display", "none", "important");
    const text = main.innerText;
    for (const el of marked) el.style.removeProperty("display");
    return text;
  });
}

const FIELD_IDS = QUESTION_LIST.map((q) => q.id).filter((id) => id.includes("_"));
const FIELD_ID = new RegExp(`(?<![A-Za-z0-9_])(${FIELD_IDS.join("|")})(?![A-Za-z0-9_])`);
const RULE_ID = /(?<![A-Za-z0-9-])(RF|PW|ADV|DATA)-[A-Z0-9]+(-[A-Z0-9]+)*/;

async function decideAccept(page: Page) {
  await page.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByText(/Accepted the suggestion: MRI/)).toBeVisible();
}

test.describe("the review page", () => {
  let staff: APIRequestContext;
  let doctor: APIRequestContext;

  test.beforeAll(async ({ playwright, baseURL }) => {
    staff = await demo(playwright.request, baseURL!, "staff");
    doctor = await demo(playwright.request, baseURL!, "doctor");
  });
  test.afterAll(async () => {
    await staff.dispose();
    await doctor.dispose();
  });

  const statusOf = async (visitId: string) => ((await (await doctor.get(`/api/v1/visits/${visitId}`)).json()) as { status: string }).status;

  test("a red-flag visit: the summary first, then the history, then what changed; details folded; plain words", async ({ page }) => {
    const visit = await redFlagVisit(staff, true);
    await signedIn(page, USERS.doctor);
    await page.goto(`/review/${visit.visitId}`);

    // The order of the page.
    const headings = (await page.locator(".review-main h1, .review-main h2").allTextContents()).map((t) => t.trim());
    const at = (name: string | RegExp) => headings.findIndex((h) => (typeof name === "string" ? h.startsWith(name) : name.test(h)));
    const order = [at(new RegExp(visit.familyName)), at("Answers that fired rules"), at("History as recorded"), at("Changed since last visit"), at("Rule details and sources"), at("Imaging suggestion")];
    expect(order.every((i) => i >= 0), headings.join(" | ")).toBe(true);
    expect(order).toEqual(order.toSorted((a, b) => a - b));

    // The summary: patient line, urgency, suggestion and its why, what cannot be excluded, the answers that fired.
    const top = page.locator("header.review-top");
    await expect(top.getByRole("heading", { level: 1 })).toContainText(`${visit.familyName}, Rowan · 45 years · female`);
    await expect(top).toContainText(`MRN ${visit.mrn}`);
    await expect(top).toContainText(/born .*1981/);
    await expect(top.locator(".review-verdict")).toContainText(/Urgency\s*⚠?\s*Emergency/);
    await expect(top.locator(".review-verdict")).toContainText(/Suggestion\s*MRI because of possible cauda equina syndrome/);
    await expect(top.locator(".review-verdict")).toContainText(/Cannot exclude\s*cauda equina syndrome/);
    const fired = top.getByRole("region", { name: "Answers that fired rules" }).getByRole("listitem");
    await expect(fired.filter({ hasText: "Numbness in the saddle area: yes" })).toHaveCount(1);
    await expect(fired.filter({ hasText: "New difficulty passing urine: yes" })).toHaveCount(1);

    // The history, grouped by section, abnormal answers marked in words as well as colour.
    const history = page.getByRole("region", { name: "History as recorded" });
    await expect(history.getByRole("heading", { level: 3, name: "Nerves, bladder, bowel, saddle" })).toBeVisible();
    const saddle = history.locator(".fact").filter({ hasText: "genitals or inner buttocks" });
    await expect(saddle).toHaveClass(/answer-abnormal/);
    await expect(saddle).toContainText("▲ fired a rule");
    const bowel = history.locator(".fact").filter({ hasText: "Any new loss of bowel control?" });
    await expect(bowel).not.toHaveClass(/answer-abnormal/);

    // What changed since the earlier visit.
    const changes = page.getByRole("region", { name: "Changed since last visit" }).getByRole("listitem");
    await expect(changes.filter({ hasText: /^Numbness in the saddle area: No → (now )?Yes$/ })).toHaveCount(1);
    await expect(changes.filter({ hasText: /^Pain score now: 5 .*→ (now )?8 / })).toHaveCount(1);
    await expect(changes).toHaveCount(3);

    // Plain words: no field id, rule id or "x = true" as main text.
    const text = await readableMain(page);
    expect(text).not.toMatch(FIELD_ID);
    expect(text).not.toMatch(RULE_ID);
    expect(text).not.toMatch(/ = (true|false)|did not fire|knowledge\.md/);
    // ... though the rule id is there, small, for a clinician who wants it.
    await expect(fired.first().locator("[data-secondary-id]")).toHaveText(/RF-CES-01/);

    // Rule details, sources and the tools table are folded; they open from the keyboard.
    const folds = page.locator(".review-main details");
    expect(await folds.count()).toBeGreaterThanOrEqual(3);
    for (const open of await folds.evaluateAll((els) => els.map((el) => (el as HTMLDetailsElement).open))) expect(open).toBe(false);
    const rule = page.getByRole("article", { name: /Possible cauda equina syndrome/ });
    await expect(rule).toBeHidden();
    await expect(page.getByRole("table")).toBeHidden();
    await expectNoAxeViolations(page);

    await page.getByText("Show the rule that fired, with their sources").focus();
    await page.keyboard.press("Enter");
    await expect(rule).toBeVisible();
    await expect(rule).toContainText("Why it fired (the answers that held)");
    const facts = await rule.locator(".conditions li").allInnerTexts();
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts) {
      expect(f).not.toMatch(FIELD_ID);
      expect(f).not.toMatch(RULE_ID);
    }
    expect(facts.join(" | ")).toMatch(/Numbness in the saddle area: yes/);
    await expect(rule.locator("ul.sources")).toBeHidden(); // its sources still folded
    await rule.getByText(/^Sources \(\d+\)$/).click();
    await expect(rule.locator("ul.sources")).toBeVisible();
    await page.getByText("Diagnostic tools compared", { exact: true }).click();
    await expect(page.getByRole("row", { name: /MRI.*Suggested/ })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("signing asks once, says what it locks; cancel and Escape change nothing; confirm signs", async ({ page }) => {
    const visit = await redFlagVisit(staff);
    const signUrl = `/api/v1/visits/${visit.visitId}/sign`;
    let sent = 0;
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === signUrl) sent += 1;
    });
    await signedIn(page, USERS.doctor);
    await page.goto(`/review/${visit.visitId}`);
    await decideAccept(page);

    const signButton = page.getByRole("button", { name: "Sign the visit…" });
    const dialog = page.getByRole("dialog", { name: "Sign this visit?" });
    await signButton.click();
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Signing locks the visit");
    await expect(dialog).toContainText("can no longer be changed");
    await expect(dialog.getByRole("button", { name: "Yes, sign" })).toBeFocused();
    await expectNoAxeViolations(page);

    // Escape: closed, focus back on the button, nothing sent, still unsigned.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(signButton).toBeFocused();
    // Cancel (from the keyboard): the same.
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    expect(sent).toBe(0);
    expect(await statusOf(visit.visitId)).toBe("SUBMITTED");
    await expect(page.getByText(/Signed by/)).toHaveCount(0);

    // Confirmed: signed.
    await signButton.click();
    await dialog.getByRole("button", { name: "Yes, sign" }).click();
    await expect(page.getByText(/Signed by Dr Dana Doctor/)).toBeVisible();
    expect(sent).toBe(1);
    expect(await statusOf(visit.visitId)).toBe("SIGNED");
    await expectNoAxeViolations(page);
  });

  test("Sign and open next: signs, then opens the next unsigned visit in queue order", async ({ page }) => {
    const visit = await redFlagVisit(staff);
    await signedIn(page, USERS.doctor);
    await page.goto(`/review/${visit.visitId}`);
    await decideAccept(page);

    await page.getByRole("button", { name: "Sign and open next…" }).click();
    const dialog = page.getByRole("dialog", { name: "Sign this visit?" });
    await expect(dialog).toContainText("Signing locks the visit");
    await dialog.getByRole("button", { name: "Yes, sign and open next" }).click();
    await page.waitForURL((url) => /^\/review\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(visit.visitId));
    const nextId = new URL(page.url()).pathname.split("/").pop()!;

    expect(await statusOf(visit.visitId)).toBe("SIGNED");
    expect(await statusOf(nextId)).toBe("SUBMITTED");
    // The queue's first unsigned visit, in its default order (most urgent first, then oldest waiting).
    const queue = (await (await doctor.get("/api/v1/visits?status=SUBMITTED&pageSize=25")).json()) as { rows: { id: string }[] };
    expect(nextId).toBe(queue.rows.find((r) => r.id !== visit.visitId)?.id);
    await expect(page.locator("header.review-top")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign and open next…" }).or(page.getByRole("button", { name: "Record the decision" }))).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("screenshots at desktop, tablet and phone sizes", async ({ page }) => {
    const visit = await redFlagVisit(staff, true);
    await signedIn(page, USERS.doctor);
    mkdirSync("docs/screenshots", { recursive: true });
    for (const [width, height] of [
      [1366, 800],
      [820, 1180],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`/review/${visit.visitId}`);
      await expect(page.locator("header.review-top")).toBeVisible();
      // The page's own content from its top (the pinned alerts of other visits above it scrolled away).
      await page.getByRole("link", { name: "Back to the queue" }).evaluate((el) => el.scrollIntoView({ block: "start" }));
      await page.screenshot({ path: shotPath(`docs/screenshots/review-page-${width}x${height}.png`) });
    }
  });
});
