import { beforeAll, describe, expect, it } from "vitest";
import vignettes from "@/lib/clinical/test-support/vignettes.dev.json";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { ZQueueQuery } from "@/lib/contracts/queue";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { createPatient } from "../patients/create-patient";
import { listQueue } from "./list-queue";
import { startVisit } from "./start-visit";
import { submitVisit } from "./submit-visit";

type Vignette = {
  id: string;
  intake: Record<string, unknown>;
  expected: { urgency: string; red_flags: string[]; data_flags: string[]; cannot_exclude_emergency?: boolean; imaging: { modality: string } };
};
const cases = (vignettes as unknown as { vignettes: Vignette[] }).vignettes;

let users: Awaited<ReturnType<typeof demoUsers>>;
const tag = `Q${Date.now().toString(36).toUpperCase()}`;
const submitted: { id: string; v: Vignette }[] = [];

beforeAll(async () => {
  users = await demoUsers();
  // Every worked case, submitted through the real path, for one family name unique to this run.
  for (const v of cases) {
    const p = await createPatient(users.staff, { mrn: uniqueMrn(), givenName: v.id.replace(/\W/g, ""), familyName: tag, birthDate: "1960-01-01", sex: "female" });
    const visit = await startVisit(users.staff, p.id);
    // A blank safety answer that leaves a red flag unexcluded is submitted with a reason (0.4 item 1).
    const blankReason = v.expected.data_flags.includes("DATA-02") ? { code: "patient_unable" as const, text: null } : undefined;
    await submitVisit(users.staff, visit.id, { version: 1, answers: v.intake, blankReason });
    submitted.push({ id: visit.id, v });
  }
});

const query = (q: Record<string, string>) => ZQueueQuery.parse({ q: tag, ...q });
const rank = { emergency: 3, urgent: 2, routine_soon: 1, none: 0 } as const;

describe("review queue", () => {
  it("lists submitted visits most urgent first, Ask now first within urgent, then oldest waiting, with counts", async () => {
    const page = await listQueue(users.doctor, query({ pageSize: "100" }));
    expect(page.total).toBe(cases.length);
    expect(page.rows).toHaveLength(cases.length);
    const ranks = page.rows.map((r) => rank[r.urgency!] * 2 + (r.askNow ? 1 : 0));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    for (let i = 1; i < page.rows.length; i++) {
      const [a, b] = [page.rows[i - 1]!, page.rows[i]!];
      if (a.urgency === b.urgency && a.askNow === b.askNow) expect(a.submittedAt! <= b.submittedAt!).toBe(true);
    }
    // The visit with an unasked cauda equina question (N12-01) leads the urgent tier, though submitted later.
    const firstUrgent = page.rows.find((r) => r.urgency === "urgent")!;
    expect(firstUrgent.id).toBe(submitted.find((s) => s.v.id === "N12-01")!.id);
    expect(firstUrgent).toMatchObject({ askNow: true, cannotExclude: ["RF-CES-01"], redFlags: [] });
    expect(page.rows.filter((r) => r.askNow).map((r) => r.id)).toEqual([firstUrgent.id]);
    const descending = await listQueue(users.doctor, query({ pageSize: "100", dir: "asc" }));
    expect(descending.rows.map((r) => r.id)).toEqual([...page.rows].reverse().map((r) => r.id));
    const expected = { emergency: 0, urgent: 0, routine_soon: 0, none: 0 };
    for (const { v } of submitted) expected[v.expected.urgency as keyof typeof expected] += 1;
    expect(page.counts).toEqual(expected);
    expect(Object.keys(page.rows[0]!)).not.toContain("answers");
  });

  it("filters by urgency, red flag and imaging, in the database", async () => {
    const emergency = await listQueue(users.doctor, query({ urgency: "emergency", pageSize: "100" }));
    expect(emergency.rows.every((r) => r.urgency === "emergency")).toBe(true);
    expect(emergency.total).toBe(submitted.filter((s) => s.v.expected.urgency === "emergency").length);
    const flagged = await listQueue(users.doctor, query({ flag: "RF-CES-01", pageSize: "100" }));
    expect(flagged.rows.map((r) => r.id).sort()).toEqual(submitted.filter((s) => s.v.expected.red_flags.includes("RF-CES-01")).map((s) => s.id).sort());
    const mri = await listQueue(users.doctor, query({ imaging: "mri", pageSize: "100" }));
    expect(mri.rows.map((r) => r.id).sort()).toEqual(submitted.filter((s) => s.v.expected.imaging.modality === "mri").map((s) => s.id).sort());
  });

  it("pages without overlap and searches by MRN", async () => {
    const all = await listQueue(users.doctor, query({ pageSize: "100" }));
    const first = await listQueue(users.doctor, query({ pageSize: "25", sort: "patient" }));
    expect(first.rows.length).toBe(Math.min(25, all.total));
    const mrn = all.rows[3]!.patient.mrn;
    const byMrn = await listQueue(users.doctor, ZQueueQuery.parse({ q: mrn }));
    expect(byMrn.rows.map((r) => r.patient.mrn)).toEqual([mrn]);
  });

  it("matches % _ and \\ in the search literally: a search for them alone does not list everyone", async () => {
    for (const q of ["%", "_", "\\", "%%", `${tag}%`, `${tag}_`]) {
      expect((await listQueue(users.doctor, ZQueueQuery.parse({ q, status: "ALL" }))).total, q).toBe(0);
    }
    expect((await listQueue(users.doctor, ZQueueQuery.parse({ q: tag, status: "ALL", pageSize: "100" }))).total).toBe(cases.length);
  });

  it("pages by patient, MRN, urgency and time without overlap; writes the audit row with the read", async () => {
    // 60 more visits under their own family name: three pages of 25.
    const many = tag.replace(/^Q/, "P"); // not matched by a search for `tag`
    const routine = cases.find((v) => v.expected.urgency === "none" && v.expected.data_flags.length === 0)!;
    for (let i = 0; i < 60; i++) {
      const p = await createPatient(users.staff, { mrn: uniqueMrn(), givenName: `G${(i * 37) % 60}`, familyName: many, birthDate: `19${50 + (i % 40)}-01-01`, sex: "male" });
      const visit = await startVisit(users.staff, p.id);
      await submitVisit(users.staff, visit.id, { version: 1, answers: routine.intake });
    }
    const view = (q: Record<string, string>) => ZQueueQuery.parse({ q: many, ...q });
    for (const sort of ["patient", "mrn", "age", "urgency", "submittedAt"]) {
      const all = await listQueue(users.doctor, view({ pageSize: "100", sort }));
      expect(all.total).toBe(60);
      const paged = [];
      for (const page of ["1", "2", "3"]) paged.push(...(await listQueue(users.doctor, view({ page, sort }))).rows);
      expect(paged.map((r) => r.id), sort).toEqual(all.rows.map((r) => r.id));
    }
    const byName = (await listQueue(users.doctor, view({ pageSize: "100", sort: "patient" }))).rows.map((r) => r.patient.givenName);
    expect(byName).toEqual([...byName].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));

    // The audit row: the page's visits in order, its patients, the view's total and the page number.
    const page = await listQueue(users.doctor, view({ page: "2", sort: "patient" }));
    const latest = async () =>
      (await db().auditEvent.findMany({ where: { action: "visit.queue", actorId: users.doctor.id }, orderBy: { id: "desc" }, take: 1 }))[0]!;
    const row = await latest();
    expect(page.rows).toHaveLength(25);
    expect(row.details).toEqual({ total: 60, page: 2, visitIds: page.rows.map((r) => r.id) });
    expect([...row.patientIds].sort()).toEqual(page.rows.map((r) => r.patient.id).sort());
    expect(page.counts).toEqual({ emergency: 0, urgent: 0, routine_soon: 0, none: 60 });
    // An empty view still returns its counts and is still audited, with nothing disclosed.
    const empty = await listQueue(users.doctor, view({ urgency: "emergency" }));
    expect(empty).toMatchObject({ rows: [], total: 0, counts: { none: 60 } });
    const none = await latest();
    expect(none.details).toEqual({ total: 0, page: 1, visitIds: [] });
    expect(none.patientIds).toEqual([]);
  });

  it("audits the listing and refuses staff", async () => {
    const before = await db().auditEvent.count({ where: { action: "visit.queue", actorId: users.doctor.id } });
    await listQueue(users.doctor, query({}));
    expect(await db().auditEvent.count({ where: { action: "visit.queue", actorId: users.doctor.id } })).toBe(before + 1);
    const err = await listQueue(users.staff, query({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(403);
  });

  it("runs the widest date range the schema allows in the database, and refuses 9999-12-31 before it", async () => {
    const widest = await listQueue(users.doctor, query({ from: "1900-01-01", to: "2999-12-31", pageSize: "100" }));
    expect(widest.total).toBe(cases.length);
    expect(ZQueueQuery.safeParse({ to: "9999-12-31" }).error!.issues.map((i) => i.path[0])).toEqual(["to"]);
  });

  it("rejects bad queue queries naming the field", () => {
    const r = ZQueueQuery.safeParse({ urgency: "panic", pageSize: "30", flag: "'; drop table visits;--", from: "2025-02-30" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0]).sort()).toEqual(["flag", "from", "pageSize", "urgency"]);
    // Well-formed but outside what PostgreSQL's date type takes (no year 0): a named 400, not a database error.
    expect(ZQueueQuery.safeParse({ from: "0000-01-01" }).error!.issues.map((i) => i.path[0])).toEqual(["from"]);
  });
});
