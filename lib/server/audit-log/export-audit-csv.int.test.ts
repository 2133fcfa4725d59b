// The audit log's CSV export: the filtered events in words, escaped against formulas, audited before it streams.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ZAuditFilters } from "@/lib/contracts/audit";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { rejection } from "@/lib/testing/rejection";
import { createPatient } from "../patients/create-patient";
import { getPatient } from "../patients/get-patient";
import { exportAuditCsv } from "./export-audit-csv";

let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

const rowsOf = async (stream: ReadableStream<Uint8Array>) => parse((await new Response(stream).text()).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];

describe("audit CSV export", () => {
  it("exports the filtered events in words, newest first, and audits itself with the filters as ids before streaming", async () => {
    const p = await createPatient(users.staff, { mrn: uniqueMrn(), givenName: "Csv", familyName: "Export", birthDate: "1970-01-01", sex: "female" });
    await getPatient(users.doctor, p.id);
    const exported = await exportAuditCsv(users.admin, ZAuditFilters.parse({ patient: p.mrn }));
    expect(exported.rows).toBe(2);
    // The export's row is there before a line is read.
    const recorded = await db().auditEvent.findFirst({ where: { action: "audit.export", actorId: users.admin.id }, orderBy: { id: "desc" }, select: { patientId: true, details: true } });
    expect(recorded).toEqual({ patientId: p.id, details: { actorId: null, action: null, patientBy: "mrn", from: null, to: null, format: "csv", rows: 2 } });
    expect(JSON.stringify(recorded)).not.toContain(p.mrn);
    const rows = await rowsOf(exported.stream);
    expect(rows.map((r) => [r.Action, r["Action code"], r.Who, r["Patient id"]])).toEqual([
      ["Opened a patient's record", "patient.read", "Dr Dana Doctor", p.id],
      ["Registered a patient", "patient.create", "Sam Staff", p.id],
    ]);
    expect(rows[0]!.Details).toBe("Visits: 0");
    expect(rows[0]!.When).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
    // No patient name or MRN in the file: admins see ids.
    const text = JSON.stringify(rows);
    for (const secret of [p.mrn, "Csv", "Export,"]) expect(text).not.toContain(secret);
  });

  it("neutralises a cell that would start a formula, and exports nothing for an unknown MRN", async () => {
    await db().auditEvent.create({ data: { action: "test.csv_formula", entityType: "=HYPERLINK(\"x\")", entityId: "@SUM(1)" } });
    const rows = await rowsOf((await exportAuditCsv(users.admin, ZAuditFilters.parse({ action: "test.csv_formula" }))).stream);
    expect(rows).toHaveLength(1);
    expect(rows[0]!["Record type"]).toBe("'=HYPERLINK(\"x\")");
    expect(rows[0]!["Record id"]).toBe("'@SUM(1)");
    const none = await exportAuditCsv(users.admin, ZAuditFilters.parse({ patient: "NO-SUCH-MRN" }));
    expect(none.rows).toBe(0);
    expect(await rowsOf(none.stream)).toEqual([]);
  });

  it("is for admins only", async () => {
    for (const who of [users.staff, users.doctor]) expect((await rejection(exportAuditCsv(who, ZAuditFilters.parse({})))).status).toBe(403);
  });
});
