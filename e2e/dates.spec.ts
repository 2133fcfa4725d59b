// Issue 18 item 4: every date field is typed, in the clinic's format (default "6 Dec 2026") or ISO, and shows the day
// it was read as in the clinic's format; a text that is no real day is refused at the field, by name. Covered on the
// register form, the intake, the queue's filters and the audit log's. (The CSV and PDF: exports.spec.ts, outputs.spec.ts.)
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, signedIn, USERS } from "./support";

const CLINIC_DAY = /^\d{1,2} [A-Z][a-z]{2} \d{4}$/;

/** Types `text` into a date field, leaves it, and returns what the field then shows. */
async function typeDay(page: Page, label: string, text: string): Promise<string> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(text);
  await field.blur();
  return field.inputValue();
}

test("the register form reads a birth date typed in the clinic's format or ISO, and names a day that does not exist", async ({ page }) => {
  await signedIn(page, USERS.staff);
  await page.goto("/intake");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Register patient" }) });
  const field = form.getByLabel("Date of birth");
  await expect(field).toHaveAttribute("type", "text");
  await expect(field).toHaveAccessibleDescription(/for example 6 Dec 2026/);
  expect(await typeDay(page, "Date of birth", "14 feb 1955")).toBe("14 Feb 1955");
  expect(await typeDay(page, "Date of birth", "1955-02-14")).toBe("14 Feb 1955");
  expect(await typeDay(page, "Date of birth", "14 February 1955")).toBe("14 Feb 1955");
  // Not a real day: left as typed, and the form names the field.
  expect(await typeDay(page, "Date of birth", "31 Feb 1955")).toBe("31 Feb 1955");
  await form.getByRole("button", { name: "Register patient" }).click();
  await expect(form.locator(".register-summary").getByRole("link", { name: /^Date of birth: / })).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
});

test("the intake's dates: the visit date shows in the clinic's format, and a typed onset date is read and saved", async ({ page }) => {
  await signedIn(page, USERS.staff);
  const mrn = `DAY-${Date.now().toString(36).toUpperCase()}`;
  const patient = await page.request.post("/api/v1/patients", { data: { mrn, givenName: "Dana", familyName: `Dates${mrn.slice(4)}`, birthDate: "1971-03-09", sex: "female" } });
  expect(patient.status(), await patient.text()).toBe(201);
  const visit = await page.request.post("/api/v1/visits", { data: { patientId: ((await patient.json()) as { id: string }).id } });
  const { id } = (await visit.json()) as { id: string };
  await page.goto(`/visits/${id}/intake`);
  await expect(page.locator('form[data-ready="true"]')).toBeVisible();
  await expect(page.getByLabel(/^Date of this intake/)).toHaveValue(CLINIC_DAY);

  await page.getByRole("navigation", { name: "Intake steps" }).getByRole("button", { name: /^2\. / }).click();
  const onset = page.locator('input[name="onset_date"]');
  await onset.fill("2026-11-02");
  await onset.blur();
  await expect(onset).toHaveValue("2 Nov 2026");
  await expectNoAxeViolations(page);
  // The draft holds the ISO day the text was read as.
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/visits/${id}`)).json()) as { answers: Record<string, unknown> }).answers.onset_date, { timeout: 10_000 })
    .toBe("2026-11-02");
});

test("the queue's date filters read the clinic's format, keep ISO in the URL, and refuse what is not a date", async ({ page }) => {
  await signedIn(page, USERS.doctor);
  await page.goto("/review");
  await expect(page.getByRole("button", { name: "Save this view" })).toBeEnabled();
  await page.getByLabel("Submitted from").fill("1 Jan 2020");
  await expect(page).toHaveURL(/[?&]from=2020-01-01(&|$)/);
  await page.getByLabel("Submitted from").blur();
  await expect(page.getByLabel("Submitted from")).toHaveValue("1 Jan 2020");
  await page.getByLabel("Submitted to").fill("32 Jan 2020");
  await expect(page.getByRole("alert").filter({ hasText: "“Submitted to” is not a date" })).toBeVisible();
  await expect(page).not.toHaveURL(/[?&]to=/);
  await page.getByLabel("Submitted to").fill("2020-01-31");
  await expect(page).toHaveURL(/[?&]from=2020-01-01&to=2020-01-31$/);
  await expect(page.getByRole("alert").filter({ hasText: "is not a date" })).toHaveCount(0);
  // Opened from the URL, the filter shows the clinic's format.
  await page.reload();
  await expect(page.getByLabel("Submitted to")).toHaveValue("31 Jan 2020");
  await expectNoAxeViolations(page);
});

test("the audit log's days read the clinic's format", async ({ page }) => {
  await signedIn(page, USERS.admin);
  await page.goto("/admin/audit");
  await expect(page.getByRole("button", { name: "Show events" })).toBeEnabled();
  expect(await typeDay(page, "From", "2 Jan 2000")).toBe("2 Jan 2000");
  expect(await typeDay(page, "To", "1999-12-31")).toBe("31 Dec 1999");
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(page.locator("#audit-to-error")).toHaveText(/To must not be before From/);
});
