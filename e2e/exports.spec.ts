// Exports against the production build: the PDF downloaded from the visit page in Chromium and read back,
// the FHIR and CSV endpoints over HTTP (roles, errors, content), and the visit page on paper.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { bundleErrors } from "../lib/export/test-support/fhir-validate";
import { pdfText } from "../lib/export/test-support/pdf-text";
import { apiContexts, type TWho } from "./accounts";
import { expectNoAxeViolations, signedIn, USERS } from "./support";

const vignettes = JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: Record<string, unknown> }[] };
const intake = (id: string) => vignettes.vignettes.find((v) => v.id === id)!.intake;
const tag = `EXP${Date.now().toString(36).toUpperCase()}`;

test.describe("exports", () => {
  let ctx: Record<TWho, APIRequestContext>;
  let signedId: string;
  let waitingId: string;

  /** A patient with a hard name and a submitted V17 visit, through the real API. */
  async function submittedVisit(familyName: string, givenName: string, n: number): Promise<string> {
    const p = await ctx.staff.post("/api/v1/patients", { data: { mrn: `${tag}-${n}`, givenName, familyName, birthDate: "1962-05-04", sex: "female", confirmDistinct: true } });
    expect(p.status()).toBe(201);
    const v = (await (await ctx.staff.post("/api/v1/visits", { data: { patientId: (await p.json()).id } })).json()) as { id: string; version: number };
    const submitted = await ctx.staff.post(`/api/v1/visits/${v.id}/submit`, { data: { version: v.version, answers: intake("LBP-V17") } });
    expect(submitted.status()).toBe(200);
    return v.id;
  }

  test.beforeAll(async ({ playwright, baseURL }) => {
    ctx = await apiContexts(playwright.request, baseURL!);
    signedId = await submittedVisit("Øster-Ørnsø", "Zoë", 1);
    expect((await ctx.doctor.post(`/api/v1/visits/${signedId}/decision`, { data: { version: 2, action: "accept", note: "Sent to ED." } })).status()).toBe(200);
    expect((await ctx.doctor.post(`/api/v1/visits/${signedId}/sign`, { data: { version: 3 } })).status()).toBe(200);
    expect((await ctx.doctor.post(`/api/v1/visits/${signedId}/addenda`, { data: { text: "ED confirmed receipt." } })).status()).toBe(201);
    waitingId = await submittedVisit('=HYPERLINK("http://evil.example")', "Ζωή, \"Zoe\"", 2);
  });

  test.afterAll(async () => {
    for (const c of Object.values(ctx)) await c.dispose();
  });

  test("download the PDF summary from the visit page and read it back", async ({ page }) => {
    await signedIn(page, USERS.doctor);
    await page.goto(`/visits/${signedId}`);
    await expect(page.getByRole("link", { name: "Download PDF summary" })).toBeVisible();
    await expectNoAxeViolations(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF summary" }).click()]);
    expect(download.suggestedFilename()).toBe(`visit-summary-${signedId}.pdf`);
    const { pages } = await pdfText(readFileSync((await download.path())!));
    const all = pages.join("\n");
    expect(all).toContain("Patient: Øster-Ørnsø, Zoë");
    expect(all).toContain(`MRN: ${tag}-1`);
    expect(all).toContain("Possible cauda equina syndrome: Emergency");
    expect(all).toContain("Rule RF-CES-01");
    expect(all).toContain("Decision: Accepted the suggestion (MRI)");
    expect(all).toContain("ED confirmed receipt.");
    expect(all).toContain("Signed by Dr Dana Doctor at");
    expect(all).toContain("Printed by Dr Dana Doctor at");
    pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  test("the visit page prints without navigation or controls", async ({ page }) => {
    await signedIn(page, USERS.doctor);
    await page.goto(`/visits/${waitingId}`);
    await expect(page.getByRole("button", { name: "Print this page" })).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".app-header")).toBeHidden();
    await expect(page.getByRole("link", { name: "Download PDF summary" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Print this page" })).toBeHidden();
    await expect(page.getByRole("heading", { name: "Imaging suggestion: MRI" })).toBeVisible();
    const breaks = await page.locator(".result > section").evaluateAll((els) => els.map((el) => getComputedStyle(el).breakInside));
    expect(breaks.length).toBeGreaterThan(2);
    expect(new Set(breaks)).toEqual(new Set(["avoid"]));
  });

  test("staff see the print button but no export links", async ({ page }) => {
    await signedIn(page, USERS.staff);
    await page.goto(`/visits/${waitingId}`);
    await expect(page.getByRole("button", { name: "Print this page" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Download PDF summary" })).toHaveCount(0);
  });

  test("every export endpoint: anonymous 401, staff and admin 403, unknown 404, clinicians 200", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const path of [`/api/v1/visits/${signedId}/summary.pdf`, `/api/v1/visits/${signedId}/fhir`, "/api/v1/visits/export.csv?status=ALL"]) {
      expect((await ctx.anonymous.get(path)).status(), path).toBe(401);
      expect((await ctx.staff.get(path)).status(), path).toBe(403);
      expect((await ctx.admin.get(path)).status(), path).toBe(403);
      expect((await ctx.doctor.get(path)).status(), path).toBe(200);
    }
    // The export of a name search: posted, as a form (the queue page's button) or as JSON.
    for (const body of [{ form: { q: tag } }, { data: { q: tag } }]) {
      const path = "/api/v1/visits/export.csv";
      expect((await ctx.anonymous.post(path, body)).status(), `${path} ${Object.keys(body)[0]}`).toBe(401);
      expect((await ctx.staff.post(path, body)).status(), `${path} ${Object.keys(body)[0]}`).toBe(403);
      expect((await ctx.admin.post(path, body)).status(), `${path} ${Object.keys(body)[0]}`).toBe(403);
      expect((await ctx.doctor.post(path, body)).status(), `${path} ${Object.keys(body)[0]}`).toBe(200);
    }
    for (const path of [`/api/v1/visits/${unknown}/summary.pdf`, `/api/v1/visits/${unknown}/fhir`, "/api/v1/visits/not-a-uuid/fhir"]) {
      const res = await ctx.doctor.get(path);
      expect(res.status(), path).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
    const bad = await ctx.doctor.get("/api/v1/visits/export.csv?urgency=panic&from=yesterday");
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field).sort()).toEqual(["from", "urgency"]);
  });

  test("FHIR: application/fhir+json, a valid R4 Bundle", async () => {
    const res = await ctx.doctor.get(`/api/v1/visits/${waitingId}/fhir`);
    expect(res.headers()["content-type"]).toBe("application/fhir+json; charset=utf-8");
    expect(res.headers()["cache-control"]).toBe("no-store");
    const bundle = (await res.json()) as { resourceType: string; entry: { resource: { resourceType: string; intent?: string } }[] };
    expect(bundleErrors(bundle)).toEqual([]);
    expect(bundle.entry.find((e) => e.resource.resourceType === "ServiceRequest")?.resource.intent).toBe("proposal");
  });

  test("CSV: the queue view with BOM, RFC 4180 quoting and formulas neutralised", async () => {
    const res = await ctx.doctor.post("/api/v1/visits/export.csv", { form: { q: tag, status: "ALL", sort: "patient", page: "3", pageSize: "25" } });
    expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="backline-queue-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = await res.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parse(body.subarray(3)) as string[][];
    expect(header![1]).toBe("Family name");
    // Sorted by patient, every page: the page/pageSize of the table do not cut the export.
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      [waitingId, `'=HYPERLINK("http://evil.example")`, 'Ζωή, "Zoe"'],
      [signedId, "Øster-Ørnsø", "Zoë"],
    ]);
    // Dates in the clinic's format and times in the clinic's time zone, as on the screens.
    expect(header![6]).toMatch(/^Submitted at \([A-Za-z_]+(\/[A-Za-z_]+)*\)$/);
    for (const r of rows) {
      expect(r[4]).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
      expect(r[6]).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
    }
  });
});
