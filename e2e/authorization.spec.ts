// The authorization matrix over HTTP, against the production build: every page and API route in
// lib/auth/access-table.ts (which a unit test keeps equal to app/), as anonymous, STAFF, CLINICIAN,
// ADMIN and a deactivated user, must let in exactly the roles its permission allows (PERMISSIONS).
//   allowed            → neither 401 nor 403, no 5xx, and pages are not sent to sign-in
//   forbidden role     → 403 (API and pages)
//   anonymous/inactive → 401 JSON for the API, a redirect to /signin for pages
// Dynamic segments get real ids of records made here through the API.
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ACCESS_TABLE, allowedRoles, entryKey, type TAccessEntry } from "../lib/auth/access-table";
import type { TRole } from "../lib/contracts/roles";
import { createAccount, demo, signedIn } from "./accounts";

type TIdentity = "anonymous" | TRole | "inactive";
const IDENTITIES: readonly TIdentity[] = ["anonymous", "STAFF", "CLINICIAN", "ADMIN", "inactive"];

const vignettes = JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: Record<string, unknown> }[] };
const V01 = vignettes.vignettes.find((v) => v.id === "LBP-V01")!.intake;

interface TSamples {
  patient: string;
  draftVisit: string;
  submittedVisit: string;
  user: string;
}

/** The concrete path to request for an entry: `[id]` filled from the segment before it. */
function concretePath(entry: TAccessEntry, samples: TSamples): string {
  if (entry.sample) return entry.sample;
  const pattern = "page" in entry ? entry.page : entry.route.split(" ")[1]!;
  return pattern.replace(/\/([a-z-]+)\/\[id\](\/[^/]+)?/g, (_, collection: string, rest: string | undefined) => {
    const id =
      collection === "patients"
        ? samples.patient
        : collection === "users"
          ? samples.user
          : collection === "visits" || collection === "review"
            ? rest === "/intake" || rest === "/answers" || rest === "/submit"
              ? samples.draftVisit
              : samples.submittedVisit
            : "00000000-0000-4000-8000-000000000000";
    return `/${collection}/${id}${rest ?? ""}`;
  });
}

async function call(ctx: APIRequestContext, entry: TAccessEntry, path: string): Promise<{ status: number; location: string }> {
  const method = "page" in entry ? "GET" : entry.route.split(" ")[0]!;
  // Bodies are empty objects: an allowed caller gets a validation error at worst, and nothing is written.
  const response = await ctx.fetch(path, {
    method,
    maxRedirects: 0,
    headers: "page" in entry ? { Accept: "text/html" } : { Accept: "application/json" },
    ...(method === "GET" ? {} : entry.sample?.startsWith("/api/auth/") ? { form: {} } : { data: {} }),
  });
  return { status: response.status(), location: response.headers()["location"] ?? "" };
}

test.describe("authorization matrix", () => {
  let contexts: Record<TIdentity, APIRequestContext>;
  let samples: TSamples;

  test.beforeAll(async ({ playwright, baseURL }) => {
    const staff = await demo(playwright.request, baseURL!, "staff");
    const admin = await demo(playwright.request, baseURL!, "admin");
    // A clinician account that signs in, and is then deactivated by an admin: its cookie is still valid.
    const inactive = await createAccount(admin, "CLINICIAN", "matrix-inactive");
    const inactiveCtx = await signedIn(playwright.request, baseURL!, inactive.email, inactive.password);
    expect((await inactiveCtx.get("/api/v1/me")).status()).toBe(200);
    expect((await admin.patch(`/api/v1/admin/users/${inactive.id}`, { data: { active: false } })).status()).toBe(200);
    contexts = {
      anonymous: await playwright.request.newContext({ baseURL }),
      STAFF: staff,
      CLINICIAN: await demo(playwright.request, baseURL!, "doctor"),
      ADMIN: admin,
      inactive: inactiveCtx,
    };
    const patients = (await (await staff.get("/api/v1/patients")).json()) as { rows: { id: string }[] };
    const patient = patients.rows[0]!.id;
    const draft = (await (await staff.post("/api/v1/visits", { data: { patientId: patient } })).json()) as { id: string };
    const toSubmit = (await (await staff.post("/api/v1/visits", { data: { patientId: patient } })).json()) as { id: string; version: number };
    const submitted = await staff.post(`/api/v1/visits/${toSubmit.id}/submit`, { data: { version: toSubmit.version, answers: V01 } });
    expect(submitted.status(), await submitted.text()).toBe(200);
    samples = { patient, draftVisit: draft.id, submittedVisit: toSubmit.id, user: inactive.id };
  });

  test.afterAll(async () => {
    for (const c of Object.values(contexts ?? {})) await c.dispose();
  });

  test("every page and API route lets in exactly the roles its permission allows", async () => {
    test.setTimeout(120_000);
    const problems: string[] = [];
    const tally = { allowed: 0, forbidden: 0, anonymous: 0 };
    for (const entry of ACCESS_TABLE) {
      const path = concretePath(entry, samples);
      const allowed = allowedRoles(entry.access);
      const isPage = "page" in entry;
      for (const who of IDENTITIES) {
        const { status, location } = await call(contexts[who], entry, path);
        const toSignIn = status >= 300 && status < 400 && /\/signin(\?|$)/.test(new URL(location, "http://x").pathname + new URL(location, "http://x").search);
        const signedOut = who === "anonymous" || who === "inactive";
        const expected =
          allowed === "anyone" || (!signedOut && allowed.includes(who as TRole))
            ? "allowed"
            : signedOut
              ? isPage
                ? "redirect to /signin"
                : "401"
              : "403";
        const ok =
          expected === "allowed"
            ? status !== 401 && status !== 403 && status < 500 && !(isPage && toSignIn && entry.access !== "public")
            : expected === "redirect to /signin"
              ? toSignIn
              : status === Number(expected);
        if (!ok) problems.push(`${entryKey(entry)} as ${who}: expected ${expected}, got ${status}${location ? ` → ${location}` : ""}`);
        tally[expected === "allowed" ? "allowed" : expected === "403" ? "forbidden" : "anonymous"] += 1;
      }
    }
    console.log(
      `authorization matrix: ${ACCESS_TABLE.length} entries × ${IDENTITIES.length} identities = ${ACCESS_TABLE.length * IDENTITIES.length} checks ` +
        `(${tally.allowed} allowed, ${tally.forbidden} forbidden, ${tally.anonymous} signed out); ${problems.length} wrong`,
    );
    expect(problems).toEqual([]);
  });

  test("field level: GET /api/v1/visits/{id} gives the decision, note, override reason and addenda only to roles that review", async () => {
    const doctor = contexts.CLINICIAN;
    const id = samples.submittedVisit;
    const before = (await (await doctor.get(`/api/v1/visits/${id}`)).json()) as { version: number };
    const decided = await doctor.post(`/api/v1/visits/${id}/decision`, {
      data: { version: before.version, action: "override", modality: "mri", reasonCode: "clinical_judgement", reasonText: "matrix override reason", note: "matrix clinical note" },
    });
    expect(decided.status(), await decided.text()).toBe(200);
    const signed = await doctor.post(`/api/v1/visits/${id}/sign`, { data: { version: ((await decided.json()) as { version: number }).version } });
    expect(signed.status(), await signed.text()).toBe(200);
    expect((await doctor.post(`/api/v1/visits/${id}/addenda`, { data: { text: "matrix addendum text" } })).status()).toBe(201);

    const CLINICIAN_ONLY = ["decision", "addenda", "provisionalReason"];
    const problems: string[] = [];
    for (const who of ["STAFF", "CLINICIAN"] as const) {
      const response = await contexts[who].get(`/api/v1/visits/${id}`);
      expect(response.status(), who).toBe(200);
      const text = await response.text();
      const body = JSON.parse(text) as Record<string, unknown>;
      const reviewers = allowedRoles("review:read");
      const reviews = reviewers === "anyone" || reviewers.includes(who);
      for (const field of CLINICIAN_ONLY) {
        if (reviews !== field in body) problems.push(`${who}: ${field} ${reviews ? "missing" : "present"}`);
      }
      for (const secret of ["matrix override reason", "matrix clinical note", "matrix addendum text"]) {
        if (reviews !== text.includes(secret)) problems.push(`${who}: "${secret}" ${reviews ? "missing" : "disclosed"}`);
      }
      // What staff need for intake stays: the status, the answers and the result.
      for (const field of ["status", "answers", "evaluation", "patient"]) if (!(field in body)) problems.push(`${who}: ${field} missing`);
    }
    expect(problems).toEqual([]);
  });
});
