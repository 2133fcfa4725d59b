// Issue 18 item 6, the intake on every screen size (a desktop, a tablet and a phone): the save status stays in view
// on a long step and is a polite live region; a reload or a resume opens the step the user was on; the steps say
// which are done, have blank answers or are not started; touch targets are at least 44x44 px (body-diagram regions,
// the 0-10 choices on one row, choices and buttons); "Unsaved changes" appears only after a change; drafts kept
// in the browser go at submit and at sign-out; every screen is axe-clean.
// Screenshots of the intake (docs/screenshots/intake-<width>x<height>.png) are written when E2E_SCREENSHOTS=1.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { completeIntake, fillStep, type TAnswers } from "./intake-support";
import { expectNoAxeViolations, signIn, USERS } from "./support";

const VIEWPORTS = [
  { width: 1366, height: 800 },
  { width: 820, height: 1180 },
  { width: 390, height: 844 },
] as const;

const vignettes = JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: TAnswers }[] };
const V01 = vignettes.vignettes.find((v) => v.id === "LBP-V01")!.intake;
const SCALES = ["pain_score_now", "peg_pain_avg_week", "peg_enjoyment_interference", "peg_activity_interference"];
const REGIONS = 7;

/** Every text the save status has shown since the page began loading (recorded from the first parsed byte). */
async function recordStatusTexts(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __statusTexts: string[] }).__statusTexts = seen;
    const note = () => {
      const text = document.querySelector(".save-state")?.textContent ?? null;
      if (text !== null && seen[seen.length - 1] !== text) seen.push(text);
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true });
  });
}
const statusTexts = (page: Page) => page.evaluate(() => (window as unknown as { __statusTexts: string[] }).__statusTexts);

/** Keys of this origin's localStorage that belong to intake drafts (answers or step). */
const draftKeys = (page: Page) =>
  page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith("backline.draft")));

let patients = 0;
async function startDraft(page: Page, familyName: string): Promise<string> {
  const mrn = `SCR-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1000)}`;
  // A birth date of its own: no registered person is a likely match (that would need an explicit "different person").
  const n = patients++;
  const birthDate = `19${String(40 + ((Date.now() + n) % 50)).padStart(2, "0")}-${String(1 + (n % 12)).padStart(2, "0")}-${String(1 + (Math.floor(Math.random() * 1000) % 28)).padStart(2, "0")}`;
  const patient = await page.request.post("/api/v1/patients", {
    data: { mrn, givenName: "Screen", familyName, birthDate, sex: "female" },
  });
  expect(patient.status()).toBe(201);
  const visit = await page.request.post("/api/v1/visits", { data: { patientId: (await patient.json()).id } });
  expect(visit.status()).toBe(201);
  const { id } = (await visit.json()) as { id: string };
  await openIntake(page, id);
  return id;
}

async function openIntake(page: Page, id: string) {
  await page.goto(`/visits/${id}/intake`);
  await expect(page.locator('form[data-ready="true"]')).toBeVisible();
}

const stepHeading = (page: Page, n: number) => page.getByRole("heading", { name: new RegExp(`^Step ${n} of 6`) });
const stepButton = (page: Page, n: number) => page.getByRole("navigation", { name: "Intake steps" }).getByRole("button", { name: new RegExp(`^${n}\\. `) });
const status = (page: Page) => page.getByRole("status");

async function box(page: Page, selector: string) {
  const all = await page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, name: el.getAttribute("aria-label") ?? el.textContent?.trim() ?? "" };
    }),
  );
  return all;
}

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}x${viewport.height}`;

  test.describe(`the intake at ${size}`, () => {
    test.use({ viewport });

    test.beforeEach(async ({ page }) => {
      await signIn(page, USERS.staff);
      await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
    });

    test("no unsaved-changes text before a change; the save status stays in view on a long step; steps show their state; a reload or resume opens the same step", async ({ page, browser }) => {
      test.setTimeout(90_000);
      await recordStatusTexts(page);
      const id = await startDraft(page, `Screens${viewport.width}`);

      // Step states, in words (the button's name) and in a mark of its own shape, not by colour alone. Step 1 was
      // filled in from the patient's record when the visit started; the others are untouched.
      await expect(stepButton(page, 1)).toHaveAccessibleName(/Done$/);
      for (const n of [2, 3, 4, 5, 6]) await expect(stepButton(page, n)).toHaveAccessibleName(/Not started$/);
      await expect(stepButton(page, 1).locator(".step-state")).toBeVisible();
      await expect(stepButton(page, 1).locator(".step-state")).toHaveText("✓ Done");
      await expect(stepButton(page, 2).locator(".step-state")).toHaveText("○ Not started");

      // Loaded, and moved between steps without changing anything: never "Unsaved changes". Step 2, left with its
      // required questions blank, now says so.
      await expect(status(page)).toHaveText(/^Saved at \d\d:\d\d$/);
      await expect(status(page)).toHaveAttribute("aria-live", "polite");
      await page.getByRole("button", { name: "Next step" }).click();
      await expect(stepHeading(page, 2)).toBeVisible();
      await stepButton(page, 1).click();
      await expect(stepHeading(page, 1)).toBeVisible();
      await expect(page.locator(".intake-form")).not.toContainText(/unsaved/i);
      expect((await statusTexts(page)).filter((t) => /unsaved/i.test(t))).toEqual([]);
      await expect(stepButton(page, 2)).toHaveAccessibleName(/Has blank answers$/);
      await expect(stepButton(page, 3)).toHaveAccessibleName(/Not started$/);

      // Step 2 is the longest: answer one question there and the status says so, politely, the focus staying put.
      await page.getByRole("button", { name: "Next step" }).click();
      await expect(stepHeading(page, 2)).toBeVisible();
      const score = page.locator('input[name="pain_score_now"][value="6"]');
      await score.check();
      await expect(status(page)).toHaveText(/^Saved at \d\d:\d\d$/, { timeout: 10_000 });
      expect(await statusTexts(page)).toContain("Unsaved changes...");
      await expect(score).toBeFocused();
      await expect(stepButton(page, 2)).toHaveAccessibleName(/Has blank answers$/);
      await expect(stepButton(page, 2).locator(".step-state")).toHaveText("! Has blank answers");

      // Scrolled to the bottom of the step: the heading is gone, the save status is still in the viewport.
      await page.getByRole("button", { name: "Next step" }).scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(viewport.height / 2);
      await expect(stepHeading(page, 2)).not.toBeInViewport();
      await expect(status(page)).toBeInViewport({ ratio: 1 });
      const bar = (await page.locator(".intake-save-bar").boundingBox())!;
      expect(bar.y).toBeGreaterThanOrEqual(0);
      expect(bar.y + bar.height).toBeLessThanOrEqual(viewport.height);

      if (process.env.E2E_SCREENSHOTS) {
        await page.locator('input[name="pain_location"][value="lumbar_central"]').check();
        await expect(status(page)).toHaveText(/^Saved at/, { timeout: 10_000 });
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `docs/screenshots/intake-${size}.png` });
        await page.locator('input[name="pain_location"][value="lumbar_central"]').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `docs/screenshots/intake-${size}-scrolled.png` });
      }

      // On to step 3, leaving step 2 with blanks; reload: step 3 again, and the states are kept.
      await page.getByRole("button", { name: "Next step" }).click();
      await expect(stepHeading(page, 3)).toBeVisible();
      await page.reload();
      await expect(page.locator('form[data-ready="true"]')).toBeVisible();
      await expect(stepHeading(page, 3)).toBeVisible();
      await expect(stepButton(page, 3)).toHaveAttribute("aria-current", "step");
      await expect(stepButton(page, 2)).toHaveAccessibleName(/Has blank answers$/);
      await expect(stepButton(page, 4)).toHaveAccessibleName(/Not started$/);
      expect(new URL(page.url()).pathname).toBe(`/visits/${id}/intake`);
      expect(new URL(page.url()).search + new URL(page.url()).hash).toBe("");

      // Resumed in another tab of this browser (the "Resume" link): the same step.
      const other = await page.context().newPage();
      await openIntake(other, id);
      await expect(stepHeading(other, 3)).toBeVisible();
      await other.close();

      // Resumed on another device (nothing remembered there): the first step that is not done, from the saved
      // answers.
      await resumedElsewhere(browser, viewport, id, async (fresh) => {
        await expect(stepHeading(fresh, 2)).toBeVisible();
        await expect(fresh.locator('input[name="pain_score_now"][value="6"]')).toBeChecked();
      });
    });

    test("touch targets are at least 44x44 px: body-diagram regions, the 0-10 choices on one row, choices and buttons", async ({ page }) => {
      await startDraft(page, `Targets${viewport.width}`);
      await page.getByRole("button", { name: "Next step" }).click();
      await expect(stepHeading(page, 2)).toBeVisible();

      const regions = await box(page, '.body-diagram path[role="checkbox"]');
      expect(regions).toHaveLength(REGIONS);
      for (const r of regions) {
        expect(r.width, `${r.name} width`).toBeGreaterThanOrEqual(44);
        expect(r.height, `${r.name} height`).toBeGreaterThanOrEqual(44);
      }

      for (const scale of SCALES) {
        const choices = await box(page, `label.scale-choice:has(input[name="${scale}"])`);
        expect(choices.map((c) => c.name)).toEqual(Array.from({ length: 11 }, (_, n) => String(n)));
        for (const c of choices) {
          expect(c.width, `${scale} ${c.name} width`).toBeGreaterThanOrEqual(44);
          expect(c.height, `${scale} ${c.name} height`).toBeGreaterThanOrEqual(44);
          expect(Math.abs(c.y - choices[0]!.y), `${scale} ${c.name} on the first choice's row`).toBeLessThan(1);
        }
        // Left to right, without overlapping.
        for (let i = 1; i < choices.length; i++) expect(choices[i]!.x).toBeGreaterThanOrEqual(choices[i - 1]!.x + choices[i - 1]!.width);
      }

      // Where the row is wider than the screen (the phone) it scrolls inside itself, and 10 can still be chosen;
      // on the tablet and the desktop all eleven are in view at once.
      const row = page.locator(".scale-options").filter({ has: page.locator('input[name="pain_score_now"]') });
      const overflow = await row.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, page: document.documentElement.scrollWidth }));
      expect(overflow.page, "the page itself never scrolls sideways").toBeLessThanOrEqual(viewport.width);
      if (viewport.width < 500) expect(overflow.scroll).toBeGreaterThan(overflow.client);
      else expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
      const ten = page.locator("label.scale-choice").filter({ has: page.locator('input[name="pain_score_now"][value="10"]') });
      await ten.click();
      await expect(page.locator('input[name="pain_score_now"][value="10"]')).toBeChecked();
      await expect(ten).toBeInViewport();

      // A region tapped or clicked toggles its checkbox.
      await page.locator('.body-diagram path[aria-label="Lower back, left"]').click();
      await expect(page.locator('input[name="pain_location"][value="lumbar_left"]')).toBeChecked();

      // Every choice label and button of the step, and the step buttons.
      for (const selector of [".intake-form label.choice", ".intake-form button"]) {
        for (const t of await box(page, selector)) {
          if (t.width === 0 && t.height === 0) continue; // not rendered (a closed panel)
          expect(t.height, `${selector} "${t.name}" height`).toBeGreaterThanOrEqual(44);
          expect(t.width, `${selector} "${t.name}" width`).toBeGreaterThanOrEqual(44);
        }
      }
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "Next step" }).click();
      await expect(stepHeading(page, 3)).toBeVisible();
      for (const t of await box(page, ".intake-form label.choice")) expect(t.height, `"${t.name}" height`).toBeGreaterThanOrEqual(44);
      await expectNoAxeViolations(page);
    });

    test("drafts kept in the browser are removed when the visit is submitted and at sign-out", async ({ page }) => {
      test.setTimeout(90_000);
      // Submitted: nothing of that visit stays.
      const submitted = await startDraft(page, `Submit${viewport.width}`);
      await fillStep(page, { age_years: 44 }, "a.1");
      await expect(status(page)).toHaveText(/^Saved at/, { timeout: 10_000 });
      await page.getByRole("button", { name: "Next step" }).click();
      await expect(stepHeading(page, 2)).toBeVisible();
      expect((await draftKeys(page)).sort()).toEqual([`backline.draft-step.${submitted}`, `backline.draft.${submitted}`].sort());
      await stepButton(page, 1).click();
      await completeIntake(page, V01);
      await expect(page.getByRole("heading", { name: "Urgency: No red flag" })).toBeVisible();
      expect(new URL(page.url()).pathname).toBe(`/visits/${submitted}`);
      expect(await draftKeys(page)).toEqual([]);
      await expectNoAxeViolations(page);

      // Two drafts in progress, then sign-out: neither stays; the browser's other settings do.
      const a = await startDraft(page, `SignOutA${viewport.width}`);
      await fillStep(page, { age_years: 51 }, "a.1");
      await expect(status(page)).toHaveText(/^Saved at/, { timeout: 10_000 });
      const b = await startDraft(page, `SignOutB${viewport.width}`);
      await page.getByRole("button", { name: "Next step" }).click();
      await fillStep(page, { pain_score_now: 3 }, "a.2");
      await expect(status(page)).toHaveText(/^Saved at/, { timeout: 10_000 });
      await page.evaluate(() => window.localStorage.setItem("backline.alertSound", "off"));
      expect((await draftKeys(page)).sort()).toEqual([`backline.draft-step.${a}`, `backline.draft-step.${b}`, `backline.draft.${a}`, `backline.draft.${b}`].sort());
      const stored = await page.evaluate((key) => window.localStorage.getItem(key), `backline.draft.${b}`);
      expect(JSON.parse(stored!).answers.pain_score_now).toBe(3);

      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/signin/);
      expect(await draftKeys(page)).toEqual([]);
      expect(await page.evaluate(() => window.localStorage.getItem("backline.alertSound"))).toBe("off");
    });
  });
}

/** The draft opened by the same user in a new browser context (another device: empty storage). */
async function resumedElsewhere(browser: Browser, viewport: { width: number; height: number }, id: string, check: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ viewport, baseURL: `http://localhost:${process.env.E2E_PORT ?? "3100"}` });
  const page = await context.newPage();
  await signIn(page, USERS.staff);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  await openIntake(page, id);
  await check(page);
  await context.close();
}
