// Plain language on every screen (issue 18 item 1): signed in as staff, clinician and admin (and signed out), visit
// every page each may reach (the `page:` lines of lib/auth/access-table.ts, `[id]` filled with real records: a
// red-flag visit, a provisional one, a signed one, a draft, a patient, a user) and fail when the text a person reads
// holds a catalogue field id, a catalogue option value, a derived variable's id, a rule id or a source tag
// (knowledge-base references such as "knowledge.md", "a.8", "§", "0.4 item 3", citation tags such as "[ACP-2007]").
//
// What counts as read: `document.body.innerText` (rendered text only: closed <details>, hidden elements and
// attributes such as `title` are not in it) and the page title, with every element marked `data-secondary-id`
// left out. That attribute is the one way to mark an id shown on purpose as small secondary text for clinicians
// (`<code className="muted small" data-secondary-id>RF-CA-03</code>`); it must not wrap main text.
//
// The intake is walked step by step (each step shows other questions and help). Violations are listed per page in
// the failure (and printed), with the text around each match.
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { ACCESS_TABLE, allowedRoles } from "../lib/auth/access-table";
import { ALL_RULES, CONSERVATIVE_CARE, DERIVED, QUESTION_LIST, SAFETY_NET } from "../lib/clinical";
import type { TRole } from "../lib/contracts/roles";
import { demo } from "./accounts";
import { signIn, USERS } from "./support";

// --- what must not be read ---------------------------------------------------------------------------------------

/**
 * Catalogue field ids that are ordinary words: they appear in plain text as words ("Sex: Female", "Fever: yes"), so
 * they are not matched. Every other id has an underscore and is matched as a whole word. The list is checked against
 * the catalogue below, so a new one-word id needs a decision here.
 */
const ORDINARY_WORD_IDS = ["sex", "fever", "mechanism", "pseudoclaudication", "immunosuppressed", "conditions", "medications"] as const;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Whole word for ids: not inside a longer word, id or path ("answers.age_years" still matches age_years). */
const wholeWords = (words: readonly string[]) => new RegExp(`(?<![A-Za-z0-9_])(${[...new Set(words)].map(escape).join("|")})(?![A-Za-z0-9_])`, "g");

const FIELD_IDS = QUESTION_LIST.map((q) => q.id).filter((id) => !(ORDINARY_WORD_IDS as readonly string[]).includes(id));
const OPTION_VALUES = QUESTION_LIST.flatMap((q) => ("options" in q ? q.options.map((o) => o.value) : [])).filter((v) => v.includes("_"));
const DERIVED_IDS = DERIVED.map((d) => d.id).filter((id) => id.includes("_"));
const RULE_IDS = [...ALL_RULES.map((r) => r.id), SAFETY_NET.id, ...CONSERVATIVE_CARE.map((c) => c.id)];
const SOURCE_TAGS = [...new Set([...QUESTION_LIST.flatMap((q) => q.sources), ...ALL_RULES.flatMap((r) => r.sources ?? [])])];
/** A tag's bare key ("ACP-2007" of "[ACP-2007]", "seed:000_..." of "[seed:...]") when it cannot be a word. */
const SOURCE_KEYS = SOURCE_TAGS.map((t) => t.replace(/^\[|\]$/g, "")).filter((k) => /[-:_]/.test(k));

const CHECKS: readonly [string, RegExp][] = [
  ["field id", wholeWords(FIELD_IDS)],
  ["option value", wholeWords(OPTION_VALUES)],
  ["derived variable id", wholeWords(DERIVED_IDS)],
  ["rule id", wholeWords(RULE_IDS)],
  // rule-id shapes beyond today's rules (a renamed or new rule still fails)
  ["rule id", /(?<![A-Za-z0-9-])(RF|PW|ADV|DATA|PATH|CC|OUT-OF-SCOPE|SAFETY-NET)-[A-Z0-9]+(-[A-Z0-9]+)*(?![A-Za-z0-9-])/g],
  ["source tag", new RegExp(SOURCE_TAGS.map(escape).join("|"), "g")],
  ["source tag", wholeWords(SOURCE_KEYS)],
  ["source tag", /knowledge\.md|§|\[seed:/g],
  // knowledge-base section references: "a.8", "d.3", "b.4" (one letter, a dot, a number), "0.4 item 3"
  ["source tag", /(?<![A-Za-z0-9.])[a-h]\.\d+(?![0-9])|\b\d\.\d+ items? \d+/g],
];

/** Every match in `text`, as "[kind] …context…". */
function violationsIn(text: string): string[] {
  const out: string[] = [];
  for (const [kind, re] of CHECKS) {
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      const around = text.slice(Math.max(0, at - 40), at + m[0].length + 40).replace(/\s+/g, " ").trim();
      out.push(`[${kind}] "${m[0]}" in: …${around}…`);
    }
  }
  return [...new Set(out)];
}

// --- reading a page ----------------------------------------------------------------------------------------------

/** The page's readable text without [data-secondary-id] elements (hidden for the reading, then shown again). */
function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const marked = [...document.querySelectorAll<HTMLElement>("[data-secondary-id]")];
    const before = marked.map((el) => el.style.getPropertyValue("display"));
    // CSSOM changes are allowed by the page's CSP (only style attributes in markup are not).
    for (const el of marked) el.style.setProperty("display", "none", "important");
    const text = `${document.title}\n${document.body.innerText}`;
    marked.forEach((el, i) => (before[i] ? el.style.setProperty("display", before[i]!) : el.style.removeProperty("display")));
    return text;
  });
}

/** The text once the page has settled (client components may fill in after load): two equal readings in a row. */
async function settledText(page: Page): Promise<string> {
  await expect(page).toHaveTitle(/\S/);
  let last = await readableText(page);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(300);
    const now = await readableText(page);
    if (now === last) return now;
    last = now;
  }
  return last;
}

// --- records to fill [id] with -----------------------------------------------------------------------------------

const vignettes = JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: Record<string, unknown> }[] };
const intakeOf = (id: string) => vignettes.vignettes.find((v) => v.id === id)!.intake;

interface TSamples {
  patient: string;
  /** emergency: cauda equina (an alert is raised) */
  redFlag: string;
  /** blank safety answers, submitted with a reason: provisional */
  provisional: string;
  /** decided and signed */
  signed: string;
  draft: string;
  /** a patient's working self-intake link (its path) */
  selfIntake: string;
  user: string;
}

async function makeSamples(staff: APIRequestContext, doctor: APIRequestContext, admin: APIRequestContext): Promise<TSamples> {
  const tag = Date.now().toString(36).toUpperCase();
  const registered = await staff.post("/api/v1/patients", {
    data: { mrn: `PL-${tag}`, givenName: "Plainword", familyName: `Crawler${tag.replace(/[0-9]/g, "")}`, birthDate: "1961-04-16", sex: "female", confirmDistinct: true },
  });
  // confirmDistinct is new with issue 18's front desk; an older server refuses the unknown field, so try without.
  const patientRes = registered.status() === 400 ? await staff.post("/api/v1/patients", { data: { mrn: `PL-${tag}`, givenName: "Plainword", familyName: `Crawler${tag.replace(/[0-9]/g, "")}`, birthDate: "1961-04-16", sex: "female" } }) : registered;
  expect(patientRes.status(), await patientRes.text()).toBe(201);
  const patient = ((await patientRes.json()) as { id: string }).id;

  const start = async () => {
    const res = await staff.post("/api/v1/visits", { data: { patientId: patient } });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; version: number };
  };
  const submit = async (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const v = await start();
    const res = await staff.post(`/api/v1/visits/${v.id}/submit`, { data: { version: v.version, answers, ...extra } });
    expect(res.status(), await res.text()).toBe(200);
    return { id: v.id, version: ((await res.json()) as { version: number }).version };
  };

  // Oldest first, so the later visits have an earlier one to compare with.
  const signedVisit = await submit(intakeOf("LBP-V10"));
  const decided = await doctor.post(`/api/v1/visits/${signedVisit.id}/decision`, { data: { version: signedVisit.version, action: "accept" } });
  expect(decided.status(), await decided.text()).toBe(200);
  const signed = await doctor.post(`/api/v1/visits/${signedVisit.id}/sign`, { data: { version: ((await decided.json()) as { version: number }).version } });
  expect(signed.status(), await signed.text()).toBe(200);

  const provisional = await submit(intakeOf("N12-01"), { blankReason: { code: "declined", text: null } });
  const redFlag = await submit(intakeOf("LBP-V17"));
  const draft = await start();
  const linked = await start();
  const link = await staff.post(`/api/v1/visits/${linked.id}/self-intake-link`, { data: {} });
  expect(link.status(), await link.text()).toBe(201);
  const selfIntake = new URL(((await link.json()) as { url: string }).url).pathname;

  const { rows } = (await (await admin.get("/api/v1/admin/users")).json()) as { rows: { id: string; email: string }[] };
  const user = rows.find((u) => u.email === USERS.staff)?.id ?? rows[0]!.id;
  return { patient, redFlag: redFlag.id, provisional: provisional.id, signed: signedVisit.id, draft: draft.id, user, selfIntake };
}

/** The concrete paths of a page line: `[id]` filled with every sample that fits it. */
function pathsOf(page: string, s: TSamples): string[] {
  if (page === "/self-intake/[token]") return [s.selfIntake];
  if (!page.includes("[id]")) return [page];
  if (page.startsWith("/patients/")) return [page.replace("[id]", s.patient)];
  if (page.startsWith("/admin/users/")) return [page.replace("[id]", s.user)];
  if (page === "/visits/[id]/intake") return [page.replace("[id]", s.draft)];
  if (page === "/visits/[id]/complete") return [page.replace("[id]", s.provisional)];
  if (page.startsWith("/visits/") || page.startsWith("/review/")) return [s.redFlag, s.provisional, s.signed].map((id) => page.replace("[id]", id));
  throw new Error(`no sample for ${page}: add one to pathsOf`);
}

// --- the crawl ---------------------------------------------------------------------------------------------------

type TWho = "anonymous" | "staff" | "doctor" | "admin";
const ROLE_OF: Record<Exclude<TWho, "anonymous">, TRole> = { staff: "STAFF", doctor: "CLINICIAN", admin: "ADMIN" };

function pagesFor(who: TWho): string[] {
  return ACCESS_TABLE.flatMap((e) => {
    if (!("page" in e)) return [];
    const allowed = allowedRoles(e.access);
    if (who === "anonymous") return e.access === "public" ? [e.page] : [];
    // Public pages are read signed out; signed in they may redirect (to /) and are read there already.
    if (e.access === "public") return [];
    return allowed === "anyone" || allowed.includes(ROLE_OF[who]) ? [e.page] : [];
  });
}

/** Screens read in all (each intake step counts once), for the summary line. */
let screensRead = 0;

async function visit(page: Page, path: string): Promise<string[]> {
  const response = await page.goto(path);
  const status = response?.status() ?? 0;
  const found: string[] = [];
  if (status >= 400) found.push(`[status] ${status}: the page did not open, so it was read as it came`);
  const texts = [await settledText(page)];
  // The intake shows one step at a time: read every step.
  if (path.endsWith("/intake")) {
    for (let step = 0; step < 12; step++) {
      const next = page.getByRole("button", { name: "Next step" });
      if (!(await next.isVisible()) || !(await next.isEnabled())) break;
      await next.click();
      texts.push(await settledText(page));
    }
  }
  screensRead += texts.length;
  for (const t of texts) found.push(...violationsIn(t));
  return [...new Set(found)];
}

async function crawl(browser: Browser, who: TWho, samples: TSamples): Promise<Record<string, string[]>> {
  const context = await browser.newContext();
  // The event stream is not needed to read a page, and would keep a connection open per page.
  await context.route("**/api/v1/events**", (route) => route.abort());
  const page = await context.newPage();
  if (who !== "anonymous") {
    await signIn(page, USERS[who]);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  }
  const report: Record<string, string[]> = {};
  for (const line of pagesFor(who)) {
    for (const path of pathsOf(line, samples)) {
      const label = path
        .replace(samples.redFlag, "<red-flag visit>")
        .replace(samples.provisional, "<provisional visit>")
        .replace(samples.signed, "<signed visit>")
        .replace(samples.draft, "<draft>")
        .replace(samples.patient, "<patient>")
        .replace(samples.user, "<user>")
        .replace(samples.selfIntake, "/self-intake/<link>");
      const found = await visit(page, path);
      if (found.length) report[`${who} ${label}`] = found;
    }
  }
  await context.close();
  return report;
}

test.describe("plain language on every page", () => {
  test("the detector: ids and source tags are found, ordinary words and names are not", () => {
    expect(QUESTION_LIST.map((q) => q.id).filter((id) => !id.includes("_")).sort()).toEqual([...ORDINARY_WORD_IDS].sort());
    for (const bad of [
      "saddle_anesthesia = true",
      "RF-CA-03 did not fire",
      "See knowledge.md a.8",
      "Definitions in d.3",
      "DATA-02: cannot exclude",
      "Sources: [ACP-2007]",
      "Sources: NICE-NG59",
      "answers.age_years: must be",
      "duration_days = 42 >= 42",
      "Pain travels: below_knee_both_legs",
      "0.4 item 3",
      "§ 4",
    ]) {
      expect(violationsIn(bad), bad).not.toEqual([]);
    }
    for (const fine of [
      "Maria Garcia, born 16 Apr 1978, MRN MRN-0042",
      "Sex: Female. Fever: yes. Conditions already diagnosed: none of these",
      "Temperature 38.4 deg C, pain 7 out of 10, e.g. ibuprofen",
      "Ruleset 1.2.0+3f9a0c21b7de, version 3",
      "dana.doctor@example.org signed at 09:41 on 6 Dec 2026",
      "Numbness in the saddle area: yes",
      "Cannot exclude cauda equina syndrome: ask about new difficulty passing urine",
      "X-ray, CT, MRI",
    ]) {
      expect(violationsIn(fine), fine).toEqual([]);
    }
  });

  test("no page shows a field id, a rule id or a source tag as main text", async ({ browser, playwright, baseURL }) => {
    test.setTimeout(300_000);
    const staff = await demo(playwright.request, baseURL!, "staff");
    const doctor = await demo(playwright.request, baseURL!, "doctor");
    const admin = await demo(playwright.request, baseURL!, "admin");
    const samples = await makeSamples(staff, doctor, admin);
    for (const c of [staff, doctor, admin]) await c.dispose();

    const report: Record<string, string[]> = {};
    let pages = 0;
    for (const who of ["anonymous", "staff", "doctor", "admin"] as const) {
      pages += pagesFor(who).flatMap((p) => pathsOf(p, samples)).length;
      Object.assign(report, await crawl(browser, who, samples));
    }
    const lines = Object.entries(report).flatMap(([where, found]) => [`${where}:`, ...found.map((f) => `  ${f}`)]);
    console.log(`plain-language crawl: ${pages} pages (${screensRead} screens) read, ${Object.keys(report).length} with violations\n${lines.join("\n")}`);
    expect(lines).toEqual([]);
  });
});
