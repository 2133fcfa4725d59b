import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { rejection } from "@/lib/testing/rejection";
import { missingRequiredFields } from "@/lib/clinical";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { bundleErrors } from "@/lib/export/test-support/fhir-validate";
import { pdfText } from "@/lib/export/test-support/pdf-text";
import { vignetteIntake } from "@/lib/export/test-support/summaries";
import { ZQueueQuery } from "@/lib/contracts/queue";
import { ZDecision } from "@/lib/contracts/visit";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { createPatient } from "../patients/create-patient";
import { addAddendum } from "../visits/add-addendum";
import { decideVisit } from "../visits/decide-visit";
import { listQueue } from "../visits/list-queue";
import { signVisit } from "../visits/sign-visit";
import { startVisit } from "../visits/start-visit";
import { submitVisit } from "../visits/submit-visit";
import { exportQueueCsv } from "./export-queue-csv";
import { exportVisitFhir } from "./export-visit-fhir";
import { exportVisitPdf } from "./export-visit-pdf";

let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

type TPatientInput = { givenName: string; familyName: string; birthDate?: string; mrn?: string };

/** A patient (straight into the database, so names the registration form refuses can be tried) and a submitted visit. */
async function submitted(intake: Record<string, unknown>, who: TPatientInput = { givenName: "Ada", familyName: "Lovelace" }) {
  const p = await db().patient.create({
    data: { mrn: who.mrn ?? uniqueMrn(), givenName: who.givenName, familyName: who.familyName, birthDate: new Date(`${who.birthDate ?? "1960-01-01"}T00:00:00Z`), sex: "female" },
    select: { id: true, mrn: true },
  });
  const v = await startVisit(users.staff, p.id);
  // Staff give a reason whenever they submit with blank safety answers (required when a red flag cannot be excluded).
  const blankReason = missingRequiredFields(intake).length > 0 ? { code: "patient_unable" as const, text: null } : undefined;
  const r = await submitVisit(users.staff, v.id, { version: 1, answers: intake, blankReason });
  return { id: v.id, version: r.version, patientId: p.id, mrn: p.mrn, evaluation: r.evaluation };
}

async function signedWithAddendum(intake: Record<string, unknown>, who?: TPatientInput) {
  const v = await submitted(intake, who);
  await decideVisit(users.doctor, v.id, ZDecision.parse({ version: v.version, action: "accept", note: "Seen and examined." }));
  await signVisit(users.doctor, v.id, { version: v.version + 1 });
  await addAddendum(users.doctor, v.id, { text: "Patient phoned: MRI booked for Tuesday." });
  return v;
}

const exportsOf = (entityId: string) =>
  db().auditEvent.findMany({ where: { entityId, action: "visit.export" }, orderBy: { id: "asc" }, select: { actorId: true, patientId: true, details: true, at: true } });

describe("PDF visit summary", () => {
  it("reads back with the identifiers, findings, decision, addenda, sign-off and page numbers on every page", async () => {
    const v = await signedWithAddendum(vignetteIntake("LBP-V17"), { givenName: "Ada", familyName: "Lovelace-Pdf", birthDate: "1958-12-10" });
    const { pdf, filename } = await exportVisitPdf(users.doctor, v.id);
    expect(filename).toBe(`visit-summary-${v.id}.pdf`);
    expect(filename).not.toMatch(/Lovelace|MRN/);
    const { pages } = await pdfText(pdf);
    const all = pages.join("\n");
    for (const text of [
      "Backline Clinic",
      "Patient: Lovelace-Pdf, Ada",
      `MRN: ${v.mrn}`,
      "Date of birth: 10 Dec 1958",
      `Times are in ${env().BACKLINE_TIMEZONE}.`,
      "Urgency: Emergency",
      "Possible cauda equina syndrome: Emergency",
      "Rule RF-CES-01",
      `Evidence: ${v.evaluation.explanations.find((x) => x.rule === "RF-CES-01")!.conditions.join("; ")}`,
      "Suggestion: MRI",
      "Decision: Accepted the suggestion (MRI)",
      "Clinical note: Seen and examined.",
      "Patient phoned: MRI booked for Tuesday.",
      "Signed by Dr Dana Doctor at",
      `Ruleset version: ${v.evaluation.ruleset_version}`,
      "Printed by Dr Dana Doctor at",
      // history, with labels and units
      "Pain: severity, place, timing, mechanism, pattern",
      "8 points (0-10)",
    ]) {
      expect(all, text).toContain(text);
    }
    expect(all).not.toContain("NOT SIGNED");
    expect(all).not.toContain("a.2 Pain");
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // The patient handout is the last page, and only there.
    expect(pages.at(-1)).toContain("Your back pain: what happens next");
    expect(pages.at(-1)).toContain("Go to the emergency department now.");
    expect(pages.slice(0, -1).join("\n")).not.toContain("Go to the emergency department now.");
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain(`Lovelace-Pdf, Ada · MRN ${v.mrn}`);
    });
    const audits = await exportsOf(v.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: users.doctor.id, patientId: v.patientId, details: { format: "pdf", status: "SIGNED", addenda: 1 } });
  });

  it("marks an unsigned visit NOT SIGNED - provisional on every page, and shows an override with its reason", async () => {
    const v = await submitted(vignetteIntake("LBP-V28"));
    await decideVisit(users.doctor, v.id, ZDecision.parse({ version: v.version, action: "override", modality: "mri", reasonCode: "other", reasonText: "Osteoporosis clinic asked for MRI" }));
    const { pages } = await pdfText((await exportVisitPdf(users.doctor, v.id)).pdf);
    pages.forEach((page, i) => {
      expect(page).toContain("NOT SIGNED - provisional");
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    const all = pages.join("\n");
    expect(all).toContain("Decision: Overridden: MRI instead of X-ray");
    expect(all).toContain("Reason: Other: Osteoporosis clinic asked for MRI");
    expect(all).not.toContain("Signed by");
  });

  it("says at the sign-off that a provisional result was signed with the acknowledgement", async () => {
    const v = await submitted(vignetteIntake("LBP-V17", ["gait_disturbance"]));
    await decideVisit(users.doctor, v.id, ZDecision.parse({ version: v.version, action: "accept" }));
    await signVisit(users.doctor, v.id, { version: v.version + 1, acknowledgeProvisional: true, provisionalReason: { code: "patient_unable", text: null } });
    const all = (await pdfText((await exportVisitPdf(users.doctor, v.id)).pdf)).pages.join("\n");
    expect(all).toContain("Signed by Dr Dana Doctor at");
    expect(all).toContain("Signed as provisional: the blank safety answers could not be obtained.");
    expect(all).toContain("Any new unsteadiness or difficulty walking?");
  });

  it("reflects addenda written after a first export", async () => {
    const v = await signedWithAddendum(vignetteIntake("LBP-V01"));
    const before = (await pdfText((await exportVisitPdf(users.doctor, v.id)).pdf)).pages.join("\n");
    await addAddendum(users.doctor, v.id, { text: "Second remark: physiotherapy referral sent." });
    const after = (await pdfText((await exportVisitPdf(users.doctor, v.id)).pdf)).pages.join("\n");
    expect(before).not.toContain("Second remark");
    expect(after).toContain("Patient phoned: MRI booked for Tuesday.");
    expect(after).toContain("Second remark: physiotherapy referral sent.");
    expect((await exportsOf(v.id)).map((a) => (a.details as { addenda: number }).addenda)).toEqual([1, 2]);
  });

  it("refuses other roles (403), unknown visits (404) and drafts (409), and audits none of them", async () => {
    const v = await submitted(vignetteIntake("LBP-V01"));
    for (const who of [users.staff, users.admin]) {
      expect((await rejection(exportVisitPdf(who, v.id))).status).toBe(403);
      expect((await rejection(exportVisitFhir(who, v.id))).status).toBe(403);
    }
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await rejection(exportVisitPdf(users.doctor, unknown))).status).toBe(404);
    expect((await rejection(exportVisitFhir(users.doctor, unknown))).status).toBe(404);
    const patient = await createPatient(users.staff, { mrn: uniqueMrn(), givenName: "Dra", familyName: "Ft", birthDate: "1970-01-01", sex: "male" });
    const draft = await startVisit(users.staff, patient.id);
    expect((await rejection(exportVisitPdf(users.doctor, draft.id))).status).toBe(409);
    expect((await rejection(exportVisitFhir(users.doctor, draft.id))).status).toBe(409);
    expect(await db().auditEvent.count({ where: { action: "visit.export", entityId: { in: [v.id, unknown, draft.id] } } })).toBe(0);
  });
});

describe("FHIR R4 Bundle", () => {
  const cases: { name: string; intake: () => Record<string, unknown>; decide?: Record<string, unknown>; sign?: boolean; expect: { flags: number; intent: string[]; qr: string } }[] = [
    { name: "emergency, suggestion waiting (V17)", intake: () => vignetteIntake("LBP-V17"), expect: { flags: 1, intent: ["proposal"], qr: "completed" } },
    { name: "emergency CT, accepted and signed (V29)", intake: () => vignetteIntake("LBP-V29"), decide: { action: "accept" }, sign: true, expect: { flags: 1, intent: ["proposal", "plan"], qr: "completed" } },
    { name: "two red flags, X-ray overridden to MRI (V28)", intake: () => vignetteIntake("LBP-V28"), decide: { action: "override", modality: "mri", reasonCode: "clinical_examination" }, expect: { flags: 2, intent: ["proposal", "plan"], qr: "completed" } },
    { name: "no red flag, no imaging (V01)", intake: () => vignetteIntake("LBP-V01"), decide: { action: "accept" }, sign: true, expect: { flags: 0, intent: [], qr: "completed" } },
    { name: "urgent MRI overridden to none (V19)", intake: () => vignetteIntake("LBP-V19"), decide: { action: "override", modality: "none", reasonCode: "already_imaged", reasonText: "MRI last week" }, expect: { flags: 1, intent: ["proposal"], qr: "completed" } },
    { name: "provisional: safety answers blank (V17 without bowel and saddle answers)", intake: () => vignetteIntake("LBP-V17", ["new_bowel_incontinence", "gait_disturbance"]), expect: { flags: 1, intent: ["proposal"], qr: "in-progress" } },
    { name: "provisional, no red flag (V01 without leg weakness)", intake: () => vignetteIntake("LBP-V01", ["leg_weakness"]), expect: { flags: 0, intent: [], qr: "in-progress" } },
    { name: "provisional, acknowledged and signed (V01 without leg weakness)", intake: () => vignetteIntake("LBP-V01", ["leg_weakness"]), decide: { action: "accept" }, sign: true, expect: { flags: 0, intent: [], qr: "in-progress" } },
  ];

  for (const c of cases) {
    it(`validates against FHIR R4: ${c.name}`, async () => {
      const v = await submitted(c.intake());
      if (c.decide) await decideVisit(users.doctor, v.id, ZDecision.parse({ version: v.version, ...c.decide }));
      // The acknowledgement and the reason are required for a provisional result and harmless for a complete one.
      if (c.sign) await signVisit(users.doctor, v.id, { version: v.version + 1, acknowledgeProvisional: true, provisionalReason: { code: "patient_unable", text: null } });
      const bundle = await exportVisitFhir(users.doctor, v.id);
      expect(bundleErrors(bundle)).toEqual([]);
      const resources = (bundle.entry ?? []).map((e) => e.resource!);
      const of = <T extends string>(type: T) => resources.filter((r) => r.resourceType === type);
      expect(of("Patient")).toHaveLength(1);
      expect(of("Encounter")).toEqual([expect.objectContaining({ id: v.id, status: c.sign ? "finished" : "triaged" })]);
      const acknowledged = c.sign && c.expect.qr === "in-progress";
      expect((of("Encounter")[0] as { extension?: unknown[] }).extension).toEqual(
        acknowledged ? [{ url: "https://backline.example.org/fhir/StructureDefinition/provisional-acknowledged", valueBoolean: true }] : undefined,
      );
      expect(of("Flag")).toHaveLength(c.expect.flags);
      expect(of("Flag").map((f) => (f as { code: { coding: { code: string }[] } }).code.coding[0]!.code).sort()).toEqual([...v.evaluation.red_flags].sort());
      expect(of("ServiceRequest").map((s) => (s as { intent: string }).intent)).toEqual(c.expect.intent);
      expect(of("QuestionnaireResponse")).toEqual([expect.objectContaining({ status: c.expect.qr })]);
      expect(v.evaluation.status).toBe(c.expect.qr === "completed" ? "final" : "provisional");
      const pain = of("Observation")[0] as { code: { coding: { system: string; code: string }[] }; valueInteger: number };
      expect(pain.code.coding[0]).toMatchObject({ system: "http://loinc.org", code: "72514-3" });
      expect(pain.valueInteger).toBe(c.intake().pain_score_now);
      const audits = await exportsOf(v.id);
      expect(audits).toEqual([expect.objectContaining({ actorId: users.doctor.id, patientId: v.patientId, details: expect.objectContaining({ format: "fhir" }) })]);
    });
  }

  it("the checker is not a rubber stamp: broken bundles fail", async () => {
    const v = await submitted(vignetteIntake("LBP-V17"));
    const bundle = await exportVisitFhir(users.doctor, v.id);
    const broken = JSON.parse(JSON.stringify(bundle)) as { entry: { resource: Record<string, unknown> }[] };
    const find = (type: string) => broken.entry.find((e) => e.resource.resourceType === type)!.resource;
    find("Encounter").status = "done";
    delete find("Flag").status;
    (find("Observation").subject as { reference: string }).reference = "urn:uuid:00000000-0000-4000-8000-000000000000";
    const qr = find("QuestionnaireResponse") as { item: { item: { answer: Record<string, unknown>[] }[] }[] };
    qr.item[0]!.item[0]!.answer = [{ valueString: "not a date" }];
    const errors = bundleErrors(broken);
    expect(errors.some((e) => e.includes("Encounter") && e.includes("status"))).toBe(true);
    expect(errors).toContain("Flag.status is mandatory (min 1)");
    expect(errors.some((e) => e.includes("does not resolve inside the Bundle"))).toBe(true);
    expect(errors.some((e) => e.includes("visit_date: answer valueString does not fit item type date"))).toBe(true);
  });
});

async function csvOf(query: Record<string, string>, user = users.doctor) {
  const exp = await exportQueueCsv(user, ZQueueQuery.parse(query));
  const bytes = Buffer.from(await new Response(exp.stream).arrayBuffer());
  return { ...exp, bytes, records: parse(bytes.subarray(3), { relaxQuotes: false, skipEmptyLines: false }) as string[][] };
}

describe("queue CSV", () => {
  const tag = `CSV${Date.now().toString(36).toUpperCase()}`;
  const hard: TPatientInput[] = [
    { familyName: "O'Brien, Jr.", givenName: 'Robert "Bob"' },
    { familyName: "Line\nBreak", givenName: "Carriage\r\nReturn" },
    { familyName: "Παπαδοπούλου", givenName: "Жанна" },
    { familyName: "王", givenName: "小明" },
    { familyName: "محمد", givenName: "שרה" },
    { familyName: '=HYPERLINK("http://evil.example","Click")', givenName: "+SUM(A1:A9)" },
    { familyName: "-2+3", givenName: "@cmd" },
  ];
  let visits: { id: string; family: string; given: string; urgency: string }[] = [];

  beforeAll(async () => {
    visits = [];
    for (const [i, who] of hard.entries()) {
      const v = await submitted(vignetteIntake(i % 2 ? "LBP-V17" : "LBP-V01"), { ...who, mrn: `${tag}-${i}` });
      visits.push({ id: v.id, family: who.familyName, given: who.givenName, urgency: v.evaluation.urgency });
    }
  });

  it("round-trips hard names through an RFC 4180 parser, UTF-8 with BOM, formulas neutralised", async () => {
    const { bytes, records, rows } = await csvOf({ q: tag });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("\r\n");
    expect(rows).toBe(hard.length);
    const [header, ...body] = records;
    const tz = env().BACKLINE_TIMEZONE;
    expect(header).toEqual(["Visit ID", "Family name", "Given name", "MRN", "Date of birth", "Age at visit", `Submitted at (${tz})`, "Urgency", "Red flags", "Cannot exclude (unanswered safety questions)", "Imaging suggestion", "Status", "Decision", "Imaging decided", "Signed by", `Signed at (${tz})`, "Red flag codes", "Cannot exclude codes"]);
    expect(body).toHaveLength(hard.length);
    const neutral = (s: string) => (/^[=+\-@]/.test(s) ? `'${s}` : s);
    for (const v of visits) {
      const row = body.find((r) => r[0] === v.id)!;
      expect(row, v.family).toBeDefined();
      expect(row[1]).toBe(neutral(v.family));
      expect(row[2]).toBe(neutral(v.given));
      expect(row).toHaveLength(18);
      expect(row[4], "the clinic's date format").toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
      expect(row[6], "the clinic's date and time").toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
    }
    const byId = (id: string) => body.find((r) => r[0] === id)!;
    expect(byId(visits[5]!.id)[1]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(byId(visits[1]!.id)[7]).toBe("Emergency");
    expect(byId(visits[1]!.id)[8]).toBe("Cauda equina syndrome");
    expect(byId(visits[1]!.id)[16]).toBe("RF-CES-01");
    expect(byId(visits[1]!.id)[9]).toBe("");
    expect(byId(visits[1]!.id)[10]).toBe("MRI");
  });

  it("holds exactly the queue's rows in the queue's order, for the same filters and sort", async () => {
    const views: Record<string, string>[] = [
      { q: tag },
      { q: tag, sort: "patient", dir: "desc" },
      { q: tag, urgency: "emergency" },
      { q: tag, flag: "RF-CES-01", sort: "submittedAt" },
      { q: tag, imaging: "none", sort: "age" },
    ];
    for (const q of views) {
      const page = await listQueue(users.doctor, ZQueueQuery.parse({ ...q, pageSize: "100" }));
      const { records } = await csvOf(q);
      expect(records.slice(1).map((r) => r[0]), JSON.stringify(q)).toEqual(page.rows.map((r) => r.id));
      expect(page.rows.length).toBeGreaterThan(0);
    }
  });

  it("audits each export with its row count and the patients in it, never the filters or the search text", async () => {
    const before = await db().auditEvent.count({ where: { action: "visit.export", entityId: "*" } });
    await csvOf({ q: tag, urgency: "emergency" });
    const rows = await db().auditEvent.findMany({ where: { action: "visit.export", entityId: "*" }, orderBy: { id: "desc" }, take: 1, select: { actorId: true, details: true, patientIds: true } });
    expect(await db().auditEvent.count({ where: { action: "visit.export", entityId: "*" } })).toBe(before + 1);
    const emergencies = visits.filter((v) => v.urgency === "emergency");
    expect(rows[0]).toMatchObject({ actorId: users.doctor.id, details: { format: "csv", rows: emergencies.length } });
    const patients = await db().visit.findMany({ where: { id: { in: emergencies.map((v) => v.id) } }, select: { patientId: true } });
    expect([...rows[0]!.patientIds].sort()).toEqual([...new Set(patients.map((p) => p.patientId))].sort());
    expect(JSON.stringify(rows[0]!.details)).not.toContain(tag);
  });

  it("is refused to staff and admins before anything is read or recorded", async () => {
    const before = await db().auditEvent.count({ where: { action: "visit.export" } });
    for (const who of [users.staff, users.admin]) expect((await rejection(exportQueueCsv(who, ZQueueQuery.parse({ q: tag })))).status).toBe(403);
    expect(await db().auditEvent.count({ where: { action: "visit.export" } })).toBe(before);
  });

  it("stops reading and frees its connection when the client goes away", async () => {
    const exp = await exportQueueCsv(users.doctor, ZQueueQuery.parse({ status: "ALL" }));
    const reader = exp.stream.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    // The cursor's transaction ends instead of idling until the export timeout.
    const open = async () =>
      Number((await db().$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'`)[0]!.n);
    const deadline = Date.now() + 5_000;
    while ((await open()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await open()).toBe(0);
  });
});
