import { beforeAll, describe, expect, it } from "vitest";
import { rejection } from "@/lib/testing/rejection";
import { db } from "@/lib/db/client";
import { ZAuditSearch } from "@/lib/contracts/audit";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { createPatient } from "../patients/create-patient";
import { getPatient } from "../patients/get-patient";
import { startVisit } from "../visits/start-visit";
import { auditFilterOptions } from "./audit-filter-options";
import { searchAudit } from "./search-audit";

let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

const search = (input: Record<string, unknown>) => searchAudit(users.admin, ZAuditSearch.parse(input));

describe("audit log search", () => {
  it("filters by patient (id or MRN), actor and action, newest first, and pages in the database", async () => {
    const p = await createPatient(users.staff, { mrn: uniqueMrn(), givenName: "Audit", familyName: "Subject", birthDate: "1970-01-01", sex: "female" });
    await getPatient(users.doctor, p.id);
    await getPatient(users.staff, p.id);
    await startVisit(users.staff, p.id);

    const byId = await search({ patient: p.id });
    expect(byId.rows.map((r) => r.action)).toEqual(["visit.create", "patient.read", "patient.read", "patient.create"]);
    expect(byId.total).toBe(4);
    expect(byId.rows.every((r) => r.patientId === p.id)).toBe(true);
    // The search just made is itself on the patient's trail now.
    const byMrn = await search({ patient: p.mrn.toLowerCase() });
    expect(byMrn.rows.map((r) => r.action)).toEqual(["audit.search", "visit.create", "patient.read", "patient.read", "patient.create"]);
    expect(await search({ patient: "NO-SUCH-MRN" })).toMatchObject({ total: 0, rows: [] });

    const doctorReads = await search({ patient: p.id, actorId: users.doctor.id });
    expect(doctorReads.rows).toMatchObject([{ action: "patient.read", actor: { id: users.doctor.id, name: "Dr Dana Doctor", email: "doctor@example.org" } }]);
    expect((await search({ patient: p.id, action: "patient.read" })).total).toBe(2);
    expect((await search({ patient: p.id, action: "patient." })).total).toBe(3); // a prefix ending in "."
    expect((await search({ patient: p.id, action: "patient" })).total).toBe(0); // without the dot: exact

    const page1 = await search({ patient: p.id, action: "visit.", pageSize: 25, page: 1 });
    const page2 = await search({ patient: p.id, action: "visit.", pageSize: 25, page: 2 });
    expect(page1).toMatchObject({ total: 1, rows: [{ action: "visit.create" }] });
    expect(page2).toMatchObject({ rows: [], total: 1, page: 2 });
  });

  it("pages through many events without overlap", async () => {
    const before = (await search({ action: "test.paging" })).total;
    await db().auditEvent.createMany({ data: Array.from({ length: 60 }, (_, i) => ({ action: "test.paging", entityType: "Test", entityId: String(i) })) });
    const first = await search({ action: "test.paging", pageSize: 25, page: 1 });
    const second = await search({ action: "test.paging", pageSize: 25, page: 2 });
    const third = await search({ action: "test.paging", pageSize: 25, page: 3 });
    expect(first.total).toBe(before + 60);
    const ids = [...first.rows, ...second.rows, ...third.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(before + 60);
    expect(first.rows.map((r) => BigInt(r.id))).toEqual([...first.rows.map((r) => BigInt(r.id))].sort((a, b) => (a > b ? -1 : 1)));
  });

  it("filters by day in the clinic's time zone, both ends included", async () => {
    const day = (iso: string) => new Date(iso);
    await db().auditEvent.createMany({
      data: [
        { action: "test.dated", entityType: "Test", entityId: "before", at: day("2031-05-01T23:59:59Z") },
        { action: "test.dated", entityType: "Test", entityId: "first", at: day("2031-05-02T00:00:00Z") },
        { action: "test.dated", entityType: "Test", entityId: "last", at: day("2031-05-03T23:59:59Z") },
        { action: "test.dated", entityType: "Test", entityId: "after", at: day("2031-05-04T00:00:00Z") },
      ],
    });
    const found = await search({ action: "test.dated", from: "2031-05-02", to: "2031-05-03" });
    expect(found.rows.map((r) => r.entityId)).toEqual(["last", "first"]);
    expect((await search({ action: "test.dated", from: "2031-05-04" })).rows.map((r) => r.entityId)).toEqual(["after"]);
    expect((await search({ action: "test.dated", to: "2031-05-01" })).rows.map((r) => r.entityId)).toEqual(["before"]);
  });

  it("refuses days PostgreSQL cannot take (year 0, 9999-12-31) as a named 400, and searches the first and last day allowed", async () => {
    for (const [input, field] of [
      [{ from: "0000-01-01" }, "from"],
      [{ to: "0000-01-01" }, "to"],
      [{ to: "9999-12-31" }, "to"],
      [{ from: "1899-12-31" }, "from"],
      [{ from: "3000-01-01", to: "3000-01-02" }, "from"],
    ] as const) {
      const result = ZAuditSearch.safeParse(input);
      expect(result.success, JSON.stringify(input)).toBe(false);
      expect(result.error!.issues.map((i) => String(i.path[0])), JSON.stringify(input)).toContain(field);
    }
    expect(ZAuditSearch.safeParse({ to: "9999-12-31" }).error!.issues[0]!.message).toBe("To must be 2999-12-31 or earlier");
    const all = await search({ from: "1900-01-01", to: "2999-12-31" });
    expect(all.total).toBeGreaterThan(0);
  });

  it("matches _ in an action prefix literally, not as a wildcard", async () => {
    await db().auditEvent.createMany({
      data: [
        { action: "test.like_x.done", entityType: "Test", entityId: "underscore" },
        { action: "test.likeZx.done", entityType: "Test", entityId: "lookalike" },
      ],
    });
    expect((await search({ action: "test.like_x." })).rows.map((r) => r.entityId)).toEqual(["underscore"]);
  });

  it("audits every search with ids only: an MRN searched for is recorded as its patient id", async () => {
    const p = await createPatient(users.staff, { mrn: uniqueMrn(), givenName: "Looked", familyName: "Up", birthDate: "1980-01-01", sex: "male" });
    await search({ patient: p.mrn, action: "patient.", from: "2020-01-01" });
    const event = await db().auditEvent.findFirst({ where: { action: "audit.search", actorId: users.admin.id }, orderBy: { id: "desc" }, select: { patientId: true, details: true } });
    expect(event).toEqual({
      patientId: p.id,
      details: { actorId: null, action: "patient.", patientBy: "mrn", from: "2020-01-01", to: null, page: 1, total: 1 },
    });
    expect(JSON.stringify(event)).not.toContain(p.mrn);
  });

  it("offers the actors and the distinct actions as filter choices", async () => {
    const options = await auditFilterOptions(users.admin);
    expect(options.actors.map((a) => a.email)).toEqual(expect.arrayContaining(["admin@example.org", "doctor@example.org", "staff@example.org"]));
    const distinct = await db().auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
    expect(options.actions).toEqual(distinct.map((d) => d.action));
  });

  it("refuses bad filters by name, and everyone but admins", async () => {
    const result = ZAuditSearch.safeParse({ actorId: "bob", action: "DROP TABLE", patient: "<script>", from: "2024-02-30", to: "yesterday", pageSize: 7, page: 0, extra: 1 });
    expect(result.success).toBe(false);
    const fields = new Set(result.error!.issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys : [String(i.path[0])])));
    expect([...fields].sort()).toEqual(["action", "actorId", "extra", "from", "page", "pageSize", "patient", "to"]);
    expect(ZAuditSearch.safeParse({ from: "2024-03-02", to: "2024-03-01" }).error!.issues[0]!.path).toEqual(["to"]);
    for (const who of [users.staff, users.doctor]) {
      expect((await rejection(searchAudit(who, ZAuditSearch.parse({})))).status).toBe(403);
      expect((await rejection(auditFilterOptions(who))).status).toBe(403);
    }
  });
});
