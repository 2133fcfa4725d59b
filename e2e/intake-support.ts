// Fills the intake form from an answers object, the way a user would, step by step.
import { expect, type Page } from "@playwright/test";
import { isScaleQuestion, QUESTION_LIST, SECTIONS, usesDropdown } from "../lib/clinical";

export type TAnswers = Record<string, string | number | boolean | string[]>;

export async function fillStep(page: Page, answers: TAnswers, sectionId: string) {
  for (const q of QUESTION_LIST.filter((x) => x.section === sectionId)) {
    const value = answers[q.id];
    if (value === undefined) continue;
    const byValue = (v: string) => page.locator(`input[name="${q.id}"][value="${v}"]`);
    if (q.type === "boolean") await byValue(String(value)).check();
    else if (q.type === "multi-enum") {
      for (const v of value as string[]) await byValue(v).check();
    } else if (q.type === "enum") {
      if (usesDropdown(q)) await page.locator(`select[name="${q.id}"]`).selectOption(String(value));
      else await byValue(String(value)).check();
    } else if (isScaleQuestion(q)) {
      await byValue(String(value)).check();
    } else await page.locator(`[name="${q.id}"]`).fill(String(value));
  }
}

/**
 * "Next step", then wait until step `to` (1-based) shows. A second click before the first step change has
 * rendered moves on only once (the form validates first), so a loop of bare clicks can fall a step behind.
 */
export async function nextStepTo(page: Page, to: number) {
  await page.getByRole("button", { name: "Next step" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`^Step ${to} of ${SECTIONS.length}`) })).toBeVisible();
}

export async function completeIntake(page: Page, answers: TAnswers) {
  for (const [i, section] of SECTIONS.entries()) {
    await expect(page.getByRole("heading", { name: `Step ${i + 1} of ${SECTIONS.length}: ${section.title}` })).toBeVisible();
    await fillStep(page, answers, section.id);
    if (i < SECTIONS.length - 1) await page.getByRole("button", { name: "Next step" }).click();
  }
  await page.getByRole("button", { name: "Submit intake" }).click();
}

interface TFocus {
  tag: string;
  name: string | null;
  type: string | null;
  value: string;
  checked: boolean;
  text: string;
}

const focused = (page: Page): Promise<TFocus> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return {
      tag: el?.tagName ?? "",
      name: el?.getAttribute("name") ?? null,
      type: el?.getAttribute("type") ?? null,
      value: el?.value ?? "",
      checked: Boolean(el?.checked),
      text: el?.textContent ?? "",
    };
  });

/** One step with the keyboard only: Tab through the controls, answer each, Enter on the step button. */
async function keyboardStep(page: Page, answers: TAnswers): Promise<void> {
  for (let presses = 0; presses < 400; presses++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f.tag === "BUTTON" && /^(Next step|Submit intake)$/.test(f.text.trim())) {
      await page.keyboard.press("Enter");
      return;
    }
    const want = f.name ? answers[f.name] : undefined;
    if (want === undefined) continue;
    if (f.type === "radio") {
      const target = String(want);
      for (let i = 0; i < 12 && (await focused(page)).value !== target; i++) await page.keyboard.press("ArrowRight");
      if (!(await focused(page)).checked) await page.keyboard.press("Space");
    } else if (f.type === "checkbox") {
      if ((want as string[]).includes(f.value) !== f.checked) await page.keyboard.press("Space");
    } else if (f.tag === "SELECT") {
      for (let i = 0; i < 40 && (await focused(page)).value !== String(want); i++) await page.keyboard.press("ArrowDown");
    } else {
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type(String(want));
    }
  }
  throw new Error("keyboardStep: never reached the step button");
}

export async function completeIntakeByKeyboard(page: Page, answers: TAnswers): Promise<void> {
  for (const [i, section] of SECTIONS.entries()) {
    const heading = page.getByRole("heading", { name: `Step ${i + 1} of ${SECTIONS.length}: ${section.title}` });
    await expect(heading).toBeFocused();
    await keyboardStep(page, answers);
  }
}
