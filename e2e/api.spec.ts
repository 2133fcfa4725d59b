// The JSON API over HTTP, against the production build: every endpoint's role checks, and the
// error contract (status, code, named fields, nothing changed).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiContexts, type TWho } from "./accounts";


const mrn = () => `API-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;

test.describe("API", () => {
  let ctx: Record<TWho, APIRequestContext>;
  let patientId: string;

  test.beforeAll(async ({ playwright, baseURL }) => {
    ctx = await apiContexts(playwright.request, baseURL!);
    const res = await ctx.staff.post("/api/v1/patients", { data: { mrn: mrn(), givenName: "Api", familyName: "Matrix", birthDate: "1970-07-07", sex: "male" } });
    expect(res.status()).toBe(201);
    patientId = (await res.json()).id;
  });

  test.afterAll(async () => {
    for (const c of Object.values(ctx)) await c.dispose();
  });

  test("every endpoint: anonymous 401, admin 403, staff and clinicians allowed", async () => {
    const draft = async () => (await (await ctx.staff.post("/api/v1/visits", { data: { patientId } })).json()) as { id: string; version: number };
    const endpoints: { name: string; call: (c: APIRequestContext) => Promise<number>; ok: number }[] = [
      { name: "GET /patients", ok: 200, call: async (c) => (await c.get("/api/v1/patients?pageSize=10")).status() },
      { name: "POST /patients/search", ok: 200, call: async (c) => (await c.post("/api/v1/patients/search", { data: { q: "matrix" } })).status() },
      {
        name: "POST /patients",
        ok: 201,
        call: async (c) => (await c.post("/api/v1/patients", { data: { mrn: mrn(), givenName: "A", familyName: "B", birthDate: "1990-01-01", sex: "female", confirmDistinct: true } })).status(),
      },
      { name: "GET /patients/{id}", ok: 200, call: async (c) => (await c.get(`/api/v1/patients/${patientId}`)).status() },
      { name: "POST /visits", ok: 201, call: async (c) => (await c.post("/api/v1/visits", { data: { patientId } })).status() },
      { name: "GET /visits/drafts", ok: 200, call: async (c) => (await c.get("/api/v1/visits/drafts")).status() },
      { name: "GET /visits/{id}", ok: 200, call: async (c) => (await c.get(`/api/v1/visits/${(await draft()).id}`)).status() },
      {
        name: "PUT /visits/{id}/answers",
        ok: 200,
        call: async (c) => {
          const d = await draft();
          return (await c.put(`/api/v1/visits/${d.id}/answers`, { data: { version: d.version, answers: { pain_score_now: 3 } } })).status();
        },
      },
      {
        name: "POST /visits/{id}/submit",
        ok: 422, // allowed through the role check, then refused: the prefilled draft lacks nothing but is checked
        call: async (c) => {
          const d = await draft();
          return (await c.post(`/api/v1/visits/${d.id}/submit`, { data: { version: d.version, answers: { pain_score_now: 99 } } })).status();
        },
      },
    ];
    for (const e of endpoints) {
      expect(await e.call(ctx.anonymous), `${e.name} anonymous`).toBe(401);
      expect(await e.call(ctx.admin), `${e.name} admin`).toBe(403);
      expect(await e.call(ctx.staff), `${e.name} staff`).toBe(e.ok);
      expect(await e.call(ctx.doctor), `${e.name} clinician`).toBe(e.ok);
    }
  });

  test("the review queue is for clinicians only, and rejects bad filters by name", async () => {
    expect((await ctx.anonymous.get("/api/v1/visits")).status()).toBe(401);
    expect((await ctx.staff.get("/api/v1/visits")).status()).toBe(403);
    expect((await ctx.admin.get("/api/v1/visits")).status()).toBe(403);
    const ok = await ctx.doctor.get("/api/v1/visits?urgency=emergency&pageSize=50");
    expect(ok.status()).toBe(200);
    expect(await ok.json()).toMatchObject({ rows: expect.any(Array), total: expect.any(Number), counts: { emergency: expect.any(Number) } });
    const bad = await ctx.doctor.get("/api/v1/visits?urgency=panic&sort=drop");
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field).sort()).toEqual(["sort", "urgency"]);
  });

  test("decision and sign: clinicians only; a stale version gets 409", async () => {
    const d = (await (await ctx.staff.post("/api/v1/visits", { data: { patientId } })).json()) as { id: string };
    const body = { version: 2, action: "accept" };
    expect((await ctx.anonymous.post(`/api/v1/visits/${d.id}/decision`, { data: body })).status()).toBe(401);
    expect((await ctx.staff.post(`/api/v1/visits/${d.id}/decision`, { data: body })).status()).toBe(403);
    expect((await ctx.staff.post(`/api/v1/visits/${d.id}/sign`, { data: { version: 2 } })).status()).toBe(403);
    expect((await ctx.admin.post(`/api/v1/visits/${d.id}/sign`, { data: { version: 2 } })).status()).toBe(403);
    // Still a draft: a clinician's decision is refused as a conflict, not applied.
    expect((await ctx.doctor.post(`/api/v1/visits/${d.id}/decision`, { data: body })).status()).toBe(409);
    const bad = await ctx.doctor.post(`/api/v1/visits/${d.id}/decision`, { data: { version: 2, action: "override" } });
    expect(bad.status()).toBe(400);
  });

  test("bad input: clear errors naming the field, 4xx, nothing written", async () => {
    const count = async () => ((await (await ctx.staff.post("/api/v1/patients/search", { data: { q: "Nobodyhere" } })).json()) as { total: number }).total;
    const before = await count();
    const notJson = await ctx.staff.post("/api/v1/patients", { headers: { "content-type": "application/json" }, data: "{not json" });
    expect(notJson.status()).toBe(400);
    const bad = await ctx.staff.post("/api/v1/patients", {
      data: { mrn: "x", givenName: "", familyName: "Nobodyhere", birthDate: "2999-01-01", sex: "alien", extra: 1 },
    });
    expect(bad.status()).toBe(400);
    const body = (await bad.json()) as { error: { code: string; fields: { field: string }[] } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields.map((f) => f.field).sort()).toEqual(["birthDate", "extra", "givenName", "mrn", "sex"]);
    expect(await count()).toBe(before);
    const query = await ctx.staff.get("/api/v1/patients?pageSize=7");
    expect(query.status()).toBe(400);
    expect(((await query.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe("pageSize");
    expect((await ctx.staff.get("/api/v1/visits/not-a-uuid")).status()).toBe(404);
  });

  test("duplicate MRN: 409 naming the existing record", async () => {
    const m = mrn();
    const first = await ctx.staff.post("/api/v1/patients", { data: { mrn: m, givenName: "Dup", familyName: "One", birthDate: "1960-01-01", sex: "male" } });
    const second = await ctx.doctor.post("/api/v1/patients", { data: { mrn: m, givenName: "Dup", familyName: "Two", birthDate: "1961-01-01", sex: "male" } });
    expect(second.status()).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: "conflict", fields: [{ field: "mrn" }], existing: { id: (await first.json()).id } } });
  });

  test("stale version: 409 with the current version; the newer save stands", async () => {
    const d = (await (await ctx.staff.post("/api/v1/visits", { data: { patientId } })).json()) as { id: string; version: number };
    const ok = await ctx.staff.put(`/api/v1/visits/${d.id}/answers`, { data: { version: d.version, answers: { pain_score_now: 6 } } });
    expect(await ok.json()).toMatchObject({ version: d.version + 1 });
    const stale = await ctx.doctor.put(`/api/v1/visits/${d.id}/answers`, { data: { version: d.version, answers: { pain_score_now: 1 } } });
    expect(stale.status()).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "conflict", current: { version: d.version + 1 } } });
    expect(((await (await ctx.staff.get(`/api/v1/visits/${d.id}`)).json()) as { answers: { pain_score_now: number } }).answers.pain_score_now).toBe(6);
  });
});
