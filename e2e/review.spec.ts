// The doctors' review journey against the production build: the queue (emergency first, filters in the
// URL, the name search kept out of it), the evidence on the review page, override with a reason, sign,
// a second session's stale action refused with a clear conflict, addenda, a provisional result signed only
// with the acknowledgement that the unanswered safety questions were asked, and staff kept out.
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signedIn as apiSignedIn } from "./accounts";
import { expectNoAxeViolations, signedIn, USERS } from "./support";

interface TVignette {
  id: string;
  intake: Record<string, unknown>;
}
const vignettes = (JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: TVignette[] }).vignettes;
const V17 = vignettes.find((v) => v.id === "LBP-V17")!; // cauda equina: emergency, RF-CES-01, MRI

const unique = () => `${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;

/** V17 with two safety answers left blank: a provisional result (DATA-01), still an emergency with MRI suggested. */
const PROVISIONAL_BLANKS = ["gait_disturbance", "new_bowel_incontinence"];
const PROVISIONAL_LABELS = ["Any new unsteadiness or difficulty walking?", "Any new loss of bowel control?"];

/**
 * A V17 (emergency) visit submitted by staff through the API, for a patient with a unique family name; the
 * `blank` answers are left out (a provisional result).
 */
async function submittedEmergency(staff: APIRequestContext, blank: readonly string[] = []): Promise<{ visitId: string; familyName: string; mrn: string }> {
  const familyName = `Queuetest${unique()}`;
  const mrn = `REV-${unique()}`;
  const patient = await staff.post("/api/v1/patients", { data: { mrn, givenName: "Erin", familyName, birthDate: "1981-03-03", sex: "female", confirmDistinct: true } });
  expect(patient.status()).toBe(201);
  const visit = await staff.post("/api/v1/visits", { data: { patientId: (await patient.json()).id } });
  const { id, version } = (await visit.json()) as { id: string; version: number };
  const answers = Object.fromEntries(Object.entries(V17.intake).filter(([field]) => !blank.includes(field)));
  const submit = await staff.post(`/api/v1/visits/${id}/submit`, { data: { version, answers } });
  expect(submit.status()).toBe(200);
  return { visitId: id, familyName, mrn };
}

const queueRows = (page: Page) => page.locator("table.queue tbody tr");

/** Do something that changes the queue view, and wait until the table shows the API's answer. */
async function queueChange(page: Page, action: () => Promise<unknown>) {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/visits/search" && r.request().method() === "POST");
  await action();
  expect((await answered).status()).toBe(200);
  await expect(page.locator("table.queue")).toHaveAttribute("aria-busy", "false");
}

test.describe("review", () => {
  let staff: APIRequestContext;
  let emergency: { visitId: string; familyName: string; mrn: string };

  test.beforeAll(async ({ playwright, baseURL }) => {
    staff = await apiSignedIn(playwright.request, baseURL!, USERS.staff);
    emergency = await submittedEmergency(staff);
  });
  test.afterAll(async () => staff.dispose());

  test("the queue: emergencies on top, filters in the URL and the back button, search kept out of every URL", async ({ page }) => {
    // Every URL the browser requests (pages, API calls, the CSV download), to check that the name is in none.
    const requested: { method: string; url: string; body: string | null }[] = [];
    page.on("request", (r) => requested.push({ method: r.method(), url: r.url(), body: r.postData() }));
    await signedIn(page, USERS.doctor);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();

    // Emergency first, marked in words (not colour only); counts above the table.
    await expect(queueRows(page).first()).toContainText("EMERGENCY");
    const emergencyCount = Number(await page.getByRole("button", { name: /Emergency \d+/ }).locator(".count-value").textContent());
    expect(emergencyCount).toBeGreaterThanOrEqual(1);
    const urgencies = await page.locator("table.queue tbody tr td:nth-child(6)").allTextContents();
    const firstNonEmergency = urgencies.findIndex((u) => !u.includes("EMERGENCY"));
    if (firstNonEmergency >= 0) expect(urgencies.slice(firstNonEmergency).some((u) => u.includes("EMERGENCY"))).toBe(false);
    await expectNoAxeViolations(page);

    // Filter by red flag: the view is in the URL, every row carries the flag.
    await queueChange(page, () => page.getByLabel("Red flag").selectOption("RF-CES-01"));
    await expect(page).toHaveURL(/[?&]flag=RF-CES-01/);
    await expect(page.getByText(/Showing 1–\d+ of \d+ visits/)).toBeVisible();
    // Flags show by short name; the code is in each one's title (issue 18).
    const flags = await page.locator("table.queue tbody tr td:nth-child(7)").evaluateAll((cells) => cells.map((c) => [...c.querySelectorAll(".flag-name")].map((f) => f.getAttribute("title") ?? "").join(" ")));
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) expect(f).toContain("RF-CES-01");

    // Sorting is server-side and in the URL too; Back restores the previous view.
    await queueChange(page, () => page.getByRole("button", { name: /^Patient/ }).click());
    await expect(page).toHaveURL(/sort=patient/);
    // (The queue's own sortable header: the pinned table above it has a Patient column too.)
    await expect(page.getByRole("columnheader", { name: /Patient/ }).filter({ has: page.getByRole("button") })).toHaveAttribute("aria-sort", "ascending");
    await queueChange(page, () => page.goBack());
    await expect(page).not.toHaveURL(/sort=patient/);
    await expect(page).toHaveURL(/flag=RF-CES-01/);
    await queueChange(page, () => page.goBack());
    await expect(page).not.toHaveURL(/flag=/);
    await expect(page.getByLabel("Red flag")).toHaveValue("");

    // A bookmarked view opens as it was.
    await page.goto("/review?urgency=emergency&pageSize=50");
    await expect(page.getByLabel("Urgency", { exact: true })).toHaveValue("emergency");
    await expect(page.getByLabel("Rows per page")).toHaveValue("50");
    for (const u of await page.locator("table.queue tbody tr td:nth-child(6)").allTextContents()) expect(u).toContain("EMERGENCY");

    // Name search: results change, the URL does not carry the name.
    await queueChange(page, () => page.getByLabel("Name or MRN").fill(emergency.familyName));
    await expect(queueRows(page)).toHaveCount(1);
    await expect(queueRows(page).first()).toContainText(emergency.mrn);
    expect(page.url()).not.toContain(emergency.familyName);
    expect(page.url().toLowerCase()).not.toContain("q=");

    // The CSV export takes the same view: here, one visit. A form post: the name is in its body, not its URL.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const csv = readFileSync((await (await download).path())!, "utf8");
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(emergency.mrn);
    expect(page.url()).not.toContain(emergency.familyName);
    await expect(page.getByRole("status").filter({ hasText: "Downloading the CSV" })).toBeVisible();

    // The name went to the server only in request bodies: the queue search and the export.
    const name = emergency.familyName.toLowerCase();
    const leaked = requested.filter((r) => decodeURIComponent(r.url).toLowerCase().includes(name) || /[?&]q=/i.test(r.url));
    expect(leaked.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const searches = requested.filter((r) => r.method === "POST" && new URL(r.url).pathname === "/api/v1/visits/search");
    expect(searches.some((r) => r.body?.includes(emergency.familyName))).toBe(true);
    const exports = requested.filter((r) => new URL(r.url).pathname === "/api/v1/visits/export.csv");
    expect(exports.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${new URL("/api/v1/visits/export.csv", page.url()).href}`]);
    expect(new URLSearchParams(exports[0]!.body ?? "").get("q")).toBe(emergency.familyName);
    expect(new URLSearchParams(exports[0]!.body ?? "").get("urgency")).toBe("emergency");
  });

  test("paging and page size run in PostgreSQL", async ({ page }) => {
    await signedIn(page, USERS.doctor);
    await page.goto("/review?status=ALL");
    await expect(queueRows(page)).toHaveCount(25);
    const visitLinks = () => queueRows(page).locator("th a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    const firstPage = await visitLinks();
    await queueChange(page, () => page.getByRole("button", { name: "Next page" }).click());
    await expect(page).toHaveURL(/page=2/);
    await expect(page.locator(".pager").getByText(/Page 2 of \d+/)).toBeVisible();
    const secondPage = await visitLinks();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((href) => firstPage.includes(href))).toEqual([]);
    await queueChange(page, () => page.getByLabel("Rows per page").selectOption("50"));
    await expect(page).toHaveURL(/pageSize=50/);
    await expect(page).not.toHaveURL(/page=2/);
    await expect(page.getByText(/Showing 1–50 of \d+ visits/)).toBeVisible();
    await expect(queueRows(page)).toHaveCount(50);
  });

  test("review, override with a reason, sign; a second session's stale action gets the conflict; addenda", async ({ page, browser }) => {
    await signedIn(page, USERS.doctor);
    await page.goto(`/review/${emergency.visitId}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(emergency.familyName);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("EMERGENCY");
    // The evidence: the rule, the facts that held, the tools comparison for the suggested modality (folded since
    // issue 18: opened here).
    await page.getByText(/^Show the rules? that fired/).click();
    await page.getByText("Diagnostic tools compared", { exact: true }).click();
    const rule = page.getByRole("article", { name: /RF-CES-01/ });
    await expect(rule).toContainText("Why it fired");
    await expect(rule.locator(".conditions li").first()).toBeVisible();
    await expect(rule).toContainText("Sources");
    await expect(page.getByRole("heading", { name: "Imaging suggestion: MRI" })).toBeVisible();
    await expect(page.getByRole("row", { name: /MRI.*Suggested/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "History as recorded" })).toBeVisible();
    await expectNoAxeViolations(page);

    // A second clinician opens the same version. Its page would refresh itself on the first clinician's changes
    // (e2e/safety-loop.spec.ts); here its event stream is cut, so that it stays on the version it loaded.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.route("**/api/v1/events**", (route) => route.abort());
    await signedIn(otherPage, USERS.doctor);
    await otherPage.goto(`/review/${emergency.visitId}`);
    await expect(otherPage.getByRole("button", { name: "Record the decision" })).toBeEnabled();

    // Override without a reason: the form names what is missing and nothing is saved.
    await page.getByLabel("Override it").check();
    await page.getByRole("button", { name: "Record the decision" }).click();
    await expect(page.getByText("Imaging: choose the imaging you want instead")).toBeVisible();
    await expect(page.getByText("Reason: choose a reason for the override")).toBeVisible();
    await page.getByLabel("Imaging instead").selectOption("ct");
    await page.getByLabel("Contraindication").check();
    await page.getByLabel(/Reason in words/).fill("Pacemaker, MRI not possible");
    await page.getByLabel("Clinical note (optional)").fill("Saddle numbness confirmed on examination.");
    await page.getByRole("button", { name: "Record the decision" }).click();
    await expect(page.getByText(/Overrode the suggestion \(MRI\) with: CT/)).toBeVisible();
    await expect(page.getByText("Contraindication: Pacemaker, MRI not possible")).toBeVisible();
    // A complete result: no acknowledgement to give.
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await page.getByRole("button", { name: "Sign the visit" }).click();
    await page.getByRole("dialog", { name: "Sign this visit?" }).getByRole("button", { name: "Yes, sign" }).click();
    await expect(page.getByText(/Signed by Dr Dana Doctor/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Record the decision" })).toHaveCount(0);

    // The stale session acts on version 2: refused, told why, shown the current state.
    await otherPage.getByRole("button", { name: "Record the decision" }).click();
    await expect(otherPage.getByRole("alert").filter({ hasText: "Another clinician changed this visit" })).toBeVisible();
    await expect(otherPage.getByText(/Signed by Dr Dana Doctor/)).toBeVisible();
    await expect(otherPage.getByText(/Overrode the suggestion \(MRI\) with: CT/)).toBeVisible();
    await other.close();

    // After signing, remarks are addenda with author and time.
    await page.getByLabel("New addendum").fill("Patient transferred to the emergency department.");
    await page.getByRole("button", { name: "Add the addendum" }).click();
    const addenda = page.locator("ol.addenda li");
    await expect(addenda).toHaveCount(1);
    await expect(addenda.first()).toContainText("Patient transferred to the emergency department.");
    await expect(addenda.first()).toContainText("Dr Dana Doctor");
    await expectNoAxeViolations(page);

    // The queue shows it as signed by the doctor.
    await page.goto("/review?status=SIGNED&flag=RF-CES-01&sort=submittedAt&dir=desc");
    await expect(page.getByRole("row", { name: new RegExp(emergency.mrn) })).toContainText("Dr Dana Doctor");
  });

  test("a provisional result is signed only with the confirmation that the answers cannot be obtained and a coded reason", async ({ page }) => {
    const provisional = await submittedEmergency(staff, PROVISIONAL_BLANKS);
    const signUrl = `/api/v1/visits/${provisional.visitId}/sign`;
    const signResponse = () => page.waitForResponse((r) => new URL(r.url()).pathname === signUrl);
    await signedIn(page, USERS.doctor);
    await page.goto(`/review/${provisional.visitId}`);
    await expect(page.getByRole("heading", { name: "Provisional: answers missing" })).toBeVisible();
    // The page offers to record the blank answers first.
    await expect(page.getByRole("heading", { name: "Complete missing answers", level: 2 })).toBeVisible();
    await page.getByRole("button", { name: "Record the decision" }).click(); // accept the suggestion

    // The sign step names the blank questions; the box and the reason start empty.
    const group = page.getByRole("group", { name: /^Safety answers are still blank: / });
    for (const label of PROVISIONAL_LABELS) await expect(group).toHaveAccessibleName(new RegExp(label.replace(/[?]/g, "\\?")));
    const box = group.getByRole("checkbox", { name: "These answers cannot be obtained: sign the result as provisional" });
    const reason = group.getByLabel("Why they cannot be obtained");
    await expect(box).not.toBeChecked();
    await expectNoAxeViolations(page);

    // Nothing chosen: the form refuses on both fields and sends nothing.
    let sent = 0;
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === signUrl) sent += 1;
    });
    await page.getByRole("button", { name: "Sign the visit" }).click();
    await expect(box).toHaveAttribute("aria-invalid", "true");
    await expect(box).toHaveAccessibleDescription(/Tick this box to sign while safety answers are blank/);
    await expect(reason).toHaveAccessibleDescription(/Choose why the answers cannot be obtained/);
    expect(sent).toBe(0);

    // Ticked with the keyboard and a reason chosen. Should the reason not reach the server (taken out of the
    // request on its way here), the server refuses with 422 and the page shows it on the field; nothing is signed.
    await box.press("Space");
    await reason.selectOption("patient_unable");
    await page.route(`**${signUrl}`, async (route) => {
      const body = route.request().postDataJSON() as Record<string, unknown>;
      delete body.provisionalReason;
      await route.continue({ postData: JSON.stringify(body) });
    }, { times: 1 });
    const refused = signResponse();
    await page.getByRole("button", { name: "Sign the visit" }).click();
    await page.getByRole("dialog", { name: "Sign this visit?" }).getByRole("button", { name: "Yes, sign" }).click();
    expect((await refused).status()).toBe(422);
    const alert = page.getByRole("alert").filter({ hasText: "This result is provisional: safety answers are blank" });
    await expect(alert).toBeFocused();
    for (const label of PROVISIONAL_LABELS) await expect(alert).toContainText(label);
    await expect(reason).toHaveAccessibleDescription(/The reason is required/);
    await expectNoAxeViolations(page);

    // Sent complete (from the keyboard): signed, and the sign-off says why it was signed as provisional.
    const signed = signResponse();
    await page.getByRole("button", { name: "Sign the visit" }).focus();
    await page.keyboard.press("Enter");
    // The confirmation (issue 18) opens with its "Yes, sign" focused.
    await expect(page.getByRole("dialog", { name: "Sign this visit?" }).getByRole("button", { name: "Yes, sign" })).toBeFocused();
    await page.keyboard.press("Enter");
    expect((await signed).status()).toBe(200);
    await expect(page.getByText(/Signed by Dr Dana Doctor/)).toBeVisible();
    await expect(page.getByText(/Signed as provisional: Dr Dana Doctor confirmed the blank safety answers could not be obtained \(The patient is unable to answer\)/)).toBeVisible();
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test("override insight counts the decision; staff cannot reach review pages or actions", async ({ page, baseURL, playwright }) => {
    await signedIn(page, USERS.admin);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insight" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Override insight" })).toBeVisible();
    await expect(page.getByRole("row", { name: /RF-CES-01/ })).toBeVisible();
    await expectNoAxeViolations(page);

    const staffPage = await (await page.context().browser()!.newContext()).newPage();
    await signedIn(staffPage, USERS.staff);
    await expect(staffPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" })).toHaveCount(0);
    for (const path of ["/review", `/review/${emergency.visitId}`, "/review/insight"]) {
      const response = await staffPage.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    const fresh = await submittedEmergency(staff);
    const decision = await staff.post(`/api/v1/visits/${fresh.visitId}/decision`, { data: { version: 2, action: "accept" } });
    expect(decision.status()).toBe(403);
    const sign = await staff.post(`/api/v1/visits/${fresh.visitId}/sign`, { data: { version: 2 } });
    expect(sign.status()).toBe(403);
    const doctor = await apiSignedIn(playwright.request, baseURL!, USERS.doctor);
    const current = (await (await doctor.get(`/api/v1/visits/${fresh.visitId}`)).json()) as { version: number; decision: unknown };
    expect(current).toMatchObject({ version: 2, decision: null });
    await doctor.dispose();
  });
});
