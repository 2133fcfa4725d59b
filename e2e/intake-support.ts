// Fills the intake form from an answers object, the way a user would, step by step.
import { expect, type Page } from "@playwright/test";
import { QUESTION_LIST, SECTIONS } from "../lib/clinical";

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
      if (q.options.length > 7) await page.locator(`select[name="${q.id}"]`).selectOption(String(value));
      else await byValue(String(value)).check();
    } else if ((q.type === "integer" || q.type === "number") && q.min === 0 && q.max === 10 && q.unit.includes("0-10")) {
      await byValue(String(value)).check();
    } else await page.locator(`[name="${q.id}"]`).fill(String(value));
  }
}

export async function completeIntake(page: Page, answers: TAnswers) {
  for (const [i, section] of SECTIONS.entries()) {
    await expect(page.getByRole("heading", { name: `Step ${i + 1} of ${SECTIONS.length}: ${section.title}` })).toBeVisible();
    await fillStep(page, answers, section.id);
    if (i < SECTIONS.length - 1) await page.getByRole("button", { name: "Next step" }).click();
  }
  await page.getByRole("button", { name: "Submit intake" }).click();
}
