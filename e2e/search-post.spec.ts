// Patient search text never travels in a URL, against the production build: the POST search endpoints find
// what the GET endpoints found (same answers, same audit rows), a GET with `q` is a 400 naming it, the queue's
// CSV of a name search is a form post, and a request another site sent is refused with 403.
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import pg from "pg";
import { apiContexts, type TWho } from "./accounts";
import { e2eDatabaseUrl } from "./server-info";
import { expectNoAxeViolations, signedIn, USERS } from "./support";

const vignettes = JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: Record<string, unknown> }[] };
const V17 = vignettes.vignettes.find((v) => v.id === "LBP-V17")!.intake;
/** Letters only: a family name shared by this spec's patients, found by nothing else. */
const tag = `Srch${Date.now().toString(26).replace(/\d/g, (d) => "abcdefghij"[Number(d)]!)}`;

interface TErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}
const fieldsOf = async (res: APIResponse) => ((await res.json()) as TErrorBody).error.fields?.map((f) => f.field).sort() ?? [];

test.describe("search text only in request bodies", () => {
  let ctx: Record<TWho, APIRequestContext>;
  let database: pg.Client;
  let ids: { doctor: string; staff: string };
  const made: { mrn: string; patientId: string }[] = [];
  let visitId: string;

  /** Audit rows of `action` by `actor` since `after` (an audit event id). */
  async function auditSince(after: string, actor: string, action: string): Promise<{ details: Record<string, unknown>; patient_ids: string[] }[]> {
    const r = await database.query<{ details: Record<string, unknown>; patient_ids: string[] }>(
      "SELECT details, patient_ids::text[] AS patient_ids FROM audit_events WHERE id > $1 AND actor_id = $2 AND action = $3 ORDER BY id",
      [after, actor, action],
    );
    return r.rows;
  }
  const lastAuditId = async () => (await database.query<{ id: string }>("SELECT coalesce(max(id), 0)::text AS id FROM audit_events")).rows[0]!.id;

  test.beforeAll(async ({ playwright, baseURL }) => {
    ctx = await apiContexts(playwright.request, baseURL!);
    database = new pg.Client({ connectionString: e2eDatabaseUrl() });
    await database.connect();
    const me = async (c: APIRequestContext) => ((await (await c.get("/api/v1/me")).json()) as { user: { id: string } }).user.id;
    ids = { doctor: await me(ctx.doctor), staff: await me(ctx.staff) };
    for (const [i, given] of ["Ana", "Bea"].entries()) {
      const mrn = `SRCH-${Date.now().toString(36).toUpperCase()}-${i}`;
      const res = await ctx.staff.post("/api/v1/patients", { data: { mrn, givenName: given, familyName: tag, birthDate: "1970-01-0" + (i + 1), sex: "female" } });
      expect(res.status()).toBe(201);
      made.push({ mrn, patientId: ((await res.json()) as { id: string }).id });
    }
    const v = (await (await ctx.staff.post("/api/v1/visits", { data: { patientId: made[0]!.patientId } })).json()) as { id: string; version: number };
    expect((await ctx.staff.post(`/api/v1/visits/${v.id}/submit`, { data: { version: v.version, answers: V17 } })).status()).toBe(200);
    visitId = v.id;
  });

  test.afterAll(async () => {
    for (const c of Object.values(ctx ?? {})) await c.dispose();
    await database?.end();
  });

  test("POST /patients/search finds what GET /patients found, with the same audit row; GET with q is a 400", async () => {
    // Without a search, the POST and the GET answer alike.
    const listed = await ctx.staff.get("/api/v1/patients?pageSize=50&page=1");
    const posted = await ctx.staff.post("/api/v1/patients/search", { data: { pageSize: 50, page: 1 } });
    expect(listed.status()).toBe(200);
    expect(posted.status()).toBe(200);
    expect(await posted.json()).toEqual(await listed.json());

    // With one: by name (any case, part of it), by MRN, paged.
    const before = await lastAuditId();
    const byName = await ctx.staff.post("/api/v1/patients/search", { data: { q: ` ${tag.slice(2).toUpperCase()} ` } });
    expect(byName.status()).toBe(200);
    const found = (await byName.json()) as { rows: { id: string; mrn: string; givenName: string }[]; total: number; page: number; pageSize: number };
    expect(found).toMatchObject({ total: 2, page: 1, pageSize: 25 });
    expect(found.rows.map((r) => r.mrn)).toEqual(made.map((m) => m.mrn));
    const byMrn = (await (await ctx.doctor.post("/api/v1/patients/search", { data: { q: made[1]!.mrn.toLowerCase() } })).json()) as { rows: { id: string }[]; total: number };
    expect(byMrn.total).toBe(1);
    expect(byMrn.rows[0]!.id).toBe(made[1]!.patientId);
    const pageTwo = (await (await ctx.staff.post("/api/v1/patients/search", { data: { q: tag, page: 2, pageSize: 10 } })).json()) as { rows: unknown[]; total: number; page: number };
    expect(pageTwo).toMatchObject({ rows: [], total: 2, page: 2 });

    // Audited as every patient search is: the result ids, never the words.
    const rows = await auditSince(before, ids.staff, "patient.search");
    expect(rows).toHaveLength(2);
    expect(rows[0]!.details).toEqual({ total: 2, page: 1 });
    expect(rows[0]!.patient_ids).toEqual(made.map((m) => m.patientId));
    expect(JSON.stringify(rows).toLowerCase()).not.toContain(tag.toLowerCase());

    // q in the URL: refused, whatever it holds, naming q and the endpoint to use instead, without the value.
    for (const query of [`q=${tag}`, "q=", "page=1&q=x"]) {
      const res = await ctx.staff.get(`/api/v1/patients?${query}`);
      expect(res.status(), query).toBe(400);
      const body = (await res.json()) as TErrorBody;
      expect(body.error.fields).toEqual([{ field: "q", message: expect.stringContaining("POST /api/v1/patients/search") }]);
      expect(body.error.message).toContain("POST /api/v1/patients/search");
      expect(JSON.stringify(body)).not.toContain(tag);
    }

    // The same validation as the query string, typed, naming each field.
    expect(await fieldsOf(await ctx.staff.post("/api/v1/patients/search", { data: { pageSize: 7, page: "2", q: 5, sort: "x" } }))).toEqual(["page", "pageSize", "q", "sort"]);
    const tooLong = await ctx.staff.post("/api/v1/patients/search", { data: { q: "x".repeat(101) } });
    expect(tooLong.status()).toBe(400);
    expect(((await tooLong.json()) as TErrorBody).error.fields).toEqual([{ field: "q", message: "Search text must be at most 100 characters" }]);

    // TWho may search: the same as GET /patients.
    expect((await ctx.anonymous.post("/api/v1/patients/search", { data: {} })).status()).toBe(401);
    expect((await ctx.admin.post("/api/v1/patients/search", { data: {} })).status()).toBe(403);
  });

  test("POST /visits/search finds what GET /visits found, with the same audit row; GET with q is a 400", async () => {
    const view = "urgency=emergency&flag=RF-CES-01&status=ALL&sort=submittedAt&dir=desc&pageSize=50";
    const listed = await ctx.doctor.get(`/api/v1/visits?${view}`);
    const posted = await ctx.doctor.post("/api/v1/visits/search", { data: { urgency: "emergency", flag: "RF-CES-01", status: "ALL", sort: "submittedAt", dir: "desc", pageSize: 50 } });
    expect(listed.status()).toBe(200);
    expect(posted.status()).toBe(200);
    const listedBody = (await listed.json()) as { rows: { id: string }[]; total: number };
    expect(await posted.json()).toEqual(listedBody);
    expect(listedBody.rows.map((r) => r.id)).toContain(visitId);

    const before = await lastAuditId();
    const searched = await ctx.doctor.post("/api/v1/visits/search", { data: { q: tag.toLowerCase(), status: "ALL" } });
    expect(searched.status()).toBe(200);
    const body = (await searched.json()) as { rows: { id: string; patient: { mrn: string } }[]; total: number; counts: Record<string, number> };
    expect(body.total).toBe(1);
    expect(body.rows.map((r) => r.id)).toEqual([visitId]);
    expect(body.counts).toEqual({ emergency: 1, urgent: 0, routine_soon: 0, none: 0 });
    const rows = await auditSince(before, ids.doctor, "visit.queue");
    expect(rows.map((r) => r.details)).toEqual([{ total: 1, page: 1, visitIds: [visitId] }]);

    for (const query of [`q=${tag}`, `status=ALL&q=`]) {
      const res = await ctx.doctor.get(`/api/v1/visits?${query}`);
      expect(res.status(), query).toBe(400);
      const error = ((await res.json()) as TErrorBody).error;
      expect(error.fields).toEqual([{ field: "q", message: expect.stringContaining("POST /api/v1/visits/search") }]);
      expect(error.message).not.toContain(tag);
    }
    const csv = await ctx.doctor.get(`/api/v1/visits/export.csv?q=${tag}`);
    expect(csv.status()).toBe(400);
    expect(((await csv.json()) as TErrorBody).error.fields).toEqual([{ field: "q", message: expect.stringContaining("POST /api/v1/visits/export.csv") }]);

    // Same validation and messages as the query string; unknown fields named; strings are not numbers here.
    const bad = await ctx.doctor.post("/api/v1/visits/search", { data: { urgency: "panic", sort: "drop" } });
    expect(bad.status()).toBe(400);
    expect(await fieldsOf(bad)).toEqual(["sort", "urgency"]);
    expect(await fieldsOf(await ctx.doctor.post("/api/v1/visits/search", { data: { page: "2", pageSize: 30, colour: "red", q: ["x"] } }))).toEqual(["colour", "page", "pageSize", "q"]);
    expect(await fieldsOf(await ctx.doctor.post("/api/v1/visits/search", { data: { from: "2026-02-01", to: "2026-01-01" } }))).toEqual(["to"]);
    const notJson = await ctx.doctor.post("/api/v1/visits/search", { headers: { "content-type": "text/plain" }, data: `{"q":"${tag}"}` });
    expect(notJson.status()).toBe(400);
    expect(await fieldsOf(notJson)).toEqual(["(body)"]);

    expect((await ctx.anonymous.post("/api/v1/visits/search", { data: {} })).status()).toBe(401);
    expect((await ctx.staff.post("/api/v1/visits/search", { data: {} })).status()).toBe(403);
    expect((await ctx.admin.post("/api/v1/visits/search", { data: {} })).status()).toBe(403);
  });

  test("the CSV of a name search is posted (form or JSON), streamed as before, audited; another site's post is refused", async ({ baseURL }) => {
    const before = await lastAuditId();
    for (const body of [{ form: { q: tag, status: "ALL", sort: "patient", page: "4" } }, { data: { q: tag, status: "ALL", sort: "patient" } }]) {
      const res = await ctx.doctor.post("/api/v1/visits/export.csv", { ...body, headers: { Origin: new URL(baseURL!).origin } });
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
      expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="backline-queue-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(res.headers()["cache-control"]).toBe("no-store");
      expect(res.headers()["x-total-count"]).toBe("1");
      // proxy.ts still runs for it: the per-request Content-Security-Policy is on the answer.
      expect(res.headers()["content-security-policy"]).toContain("form-action 'self'");
      const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(made[0]!.mrn);
    }
    const audited = await auditSince(before, ids.doctor, "visit.export");
    expect(audited).toHaveLength(2);
    // The patients in the file, and no filter (beside the ids, a filter could be a clinical result).
    for (const row of audited) {
      expect(row.details).toEqual({ format: "csv", rows: 1 });
      expect(row.patient_ids).toEqual([made[0]!.patientId]);
    }
    expect(JSON.stringify(audited)).not.toContain(tag);

    // A request another site's page sent: 403 naming the header, before the session is even read, nothing audited.
    const refusedFrom = await lastAuditId();
    const foreign: [Record<string, string>, string][] = [
      [{ Origin: "https://evil.example" }, "Origin"],
      [{ Origin: "null" }, "Origin"],
      [{ Origin: "http://127.0.0.1:1" }, "Origin"],
      [{ "Sec-Fetch-Site": "cross-site" }, "Sec-Fetch-Site"],
      [{ "Sec-Fetch-Site": "same-site", Origin: new URL(baseURL!).origin }, "Sec-Fetch-Site"],
    ];
    for (const [headers, named] of foreign) {
      for (const who of ["doctor", "anonymous"] as const) {
        const form = await ctx[who].post("/api/v1/visits/export.csv", { form: { q: tag, status: "ALL" }, headers });
        expect(form.status(), `${who} ${JSON.stringify(headers)}`).toBe(403);
        expect(form.headers()["content-type"]).toBe("text/html; charset=utf-8");
        expect(await form.text()).toContain(`<li>${named}: must be this site</li>`);
        const json = await ctx[who].post("/api/v1/visits/export.csv", { data: { q: tag }, headers });
        expect(json.status()).toBe(403);
        expect(await fieldsOf(json)).toEqual([named]);
      }
      expect((await ctx.doctor.post("/api/v1/visits/search", { data: { q: tag }, headers })).status()).toBe(403);
      expect((await ctx.staff.post("/api/v1/patients/search", { data: { q: tag }, headers })).status()).toBe(403);
    }
    // Each refusal of a signed-in account is audited as a refused request (who, method and path), and nothing else is:
    // 4 per header set (the doctor's form and JSON export, the doctor's and staff's search); anonymous ones are not.
    const refusals = await database.query<{ action: string; actor_id: string; entity_id: string; details: unknown }>(
      "SELECT action, actor_id::text, entity_id, details FROM audit_events WHERE id > $1 ORDER BY id",
      [refusedFrom],
    );
    expect(refusals.rows).toHaveLength(foreign.length * 4);
    expect(new Set(refusals.rows.map((r) => r.action))).toEqual(new Set(["access.denied"]));
    expect(new Set(refusals.rows.map((r) => r.actor_id))).toEqual(new Set([ids.doctor, ids.staff]));
    expect(JSON.stringify(refusals.rows)).not.toContain(tag);
    // A browser's own form post under Referrer-Policy: no-referrer says "Origin: null"; Fetch Metadata vouches for it.
    const own = await ctx.doctor.post("/api/v1/visits/export.csv", { form: { q: tag, status: "ALL" }, headers: { Origin: "null", "Sec-Fetch-Site": "same-origin" } });
    expect(own.status()).toBe(200);
    expect(own.headers()["x-total-count"]).toBe("1");

    // A broken form post gets a page, not raw JSON: the status, the field, a way back.
    const broken = await ctx.doctor.post("/api/v1/visits/export.csv", { form: { urgency: "panic", q: tag } });
    expect(broken.status()).toBe(400);
    expect(broken.headers()["content-type"]).toBe("text/html; charset=utf-8");
    const page = await broken.text();
    expect(page).toContain("<li>urgency: Urgency must be one of emergency, urgent, routine_soon, none</li>");
    expect(page).toContain('<a href="/review">Back to the review queue</a>');
    expect(page).not.toContain(tag);
    const wrongType = await ctx.doctor.post("/api/v1/visits/export.csv", { headers: { "content-type": "text/plain" }, data: "q=x" });
    expect(wrongType.status()).toBe(400);
    expect(await fieldsOf(wrongType)).toEqual(["(body)"]);
  });

  test("in the browser, a form on another site cannot start an export with the user's session", async ({ page, baseURL }) => {
    await signedIn(page, USERS.doctor);
    // Another origin (and another site: 127.0.0.1 is not localhost), its page served here by the test.
    const target = new URL("/api/v1/visits/export.csv", baseURL).href;
    const evil = `http://127.0.0.1:${new URL(baseURL!).port}/evil-page`;
    await page.route(evil, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html lang="en"><title>Evil</title><form method="post" action="${target}"><input type="hidden" name="status" value="ALL"><button>Win a prize</button></form></html>`,
      }),
    );
    let downloaded = false;
    page.on("download", () => (downloaded = true));
    await page.goto(evil);
    const answered = page.waitForResponse((r) => r.url() === target);
    await page.getByRole("button", { name: "Win a prize" }).click();
    const response = await answered;
    expect(response.status()).toBe(403);
    expect((await response.request().allHeaders())["origin"]).toBe(new URL(evil).origin);
    await expect(page.getByRole("heading", { name: "That did not work" })).toBeVisible();
    await expect(page.getByText("This request was sent from another site")).toBeVisible();
    expect(downloaded).toBe(false);
  });

  test("a failed export from the queue page shows a page with a way back, not raw JSON", async ({ page }) => {
    await signedIn(page, USERS.doctor);
    await page.goto("/review?status=ALL");
    await expect(page.getByRole("button", { name: "Export CSV" })).toBeEnabled();
    // The session ends while the page is open: the form post is refused as a navigation, shown as a page.
    await page.context().clearCookies();
    await page.getByRole("button", { name: "Export CSV" }).click();
    await expect(page.getByRole("heading", { name: "That did not work" })).toBeVisible();
    await expect(page.getByText("Sign in to continue.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in again" })).toHaveAttribute("href", "/signin?callbackUrl=%2Freview");
    expect(new URL(page.url()).pathname).toBe("/api/v1/visits/export.csv");
    expect(new URL(page.url()).search).toBe("");
    await expectNoAxeViolations(page);
  });
});
