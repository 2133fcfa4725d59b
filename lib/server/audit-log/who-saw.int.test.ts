// "Who saw patient X": filtering the audit log by a patient finds every row that disclosed them, not only the
// rows about their own records: queue pages, patient searches, the CSV export, the pin and the drafts list
// (audit_events.patient_ids).
import { beforeAll, describe, expect, it } from "vitest";
import { VIGNETTES } from "@/lib/clinical/test-support/vignettes";
import { db } from "@/lib/db/client";
import { ZAuditSearch } from "@/lib/contracts/audit";
import { ZQueueQuery } from "@/lib/contracts/queue";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { exportQueueCsv } from "../exports/export-queue-csv";
import { createPatient } from "../patients/create-patient";
import { searchPatients } from "../patients/search-patients";
import { listPinned } from "../safety/alerts";
import { listDrafts } from "../visits/list-drafts";
import { listQueue } from "../visits/list-queue";
import { startVisit } from "../visits/start-visit";
import { submitVisit } from "../visits/submit-visit";
import { searchAudit } from "./search-audit";

const EMERGENCY = VIGNETTES.find((v) => v.expected.urgency === "emergency")!;

let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

async function newPatient(familyName: string) {
  return createPatient(users.staff, { mrn: uniqueMrn(), givenName: "Seen", familyName, birthDate: "1961-05-02", sex: "female" });
}

describe("who saw patient X", () => {
  it("finds the queue page, search, CSV export, pin and drafts list that disclosed the patient, and only those", async () => {
    const seen = await newPatient(`Witnessed${Date.now().toString(36)}`);
    const other = await newPatient(`Unrelated${Date.now().toString(36)}`);
    const visit = await startVisit(users.staff, seen.id);
    await listDrafts(users.staff);
    const submitted = await submitVisit(users.staff, visit.id, { version: visit.version, answers: EMERGENCY.intake });
    expect(submitted.evaluation.urgency).toBe("emergency");

    await listQueue(users.doctor, ZQueueQuery.parse({ q: seen.familyName }));
    await searchPatients(users.staff, { q: seen.mrn, page: 1, pageSize: 10 });
    await listPinned(users.doctor);
    const csv = await exportQueueCsv(users.doctor, ZQueueQuery.parse({ status: "SUBMITTED", q: seen.familyName }));
    const text = await new Response(csv.stream).text();
    expect(text).toContain(seen.mrn);
    // A search that did not show the patient is not on their trail.
    await searchPatients(users.staff, { q: other.mrn, page: 1, pageSize: 10 });

    const trail = await searchAudit(users.admin, ZAuditSearch.parse({ patient: seen.id, pageSize: 100 }));
    const disclosed = trail.rows.filter((r) => r.patientId === null).map((r) => r.action);
    for (const action of ["visit.list_drafts", "visit.queue", "patient.search", "visit.pinned", "visit.export"]) expect(disclosed, action).toContain(action);
    expect(trail.rows.filter((r) => r.action === "patient.search")).toHaveLength(1);
    // The same by MRN.
    const byMrn = await searchAudit(users.admin, ZAuditSearch.parse({ patient: seen.mrn, pageSize: 100 }));
    expect(byMrn.rows.map((r) => r.id)).toEqual(expect.arrayContaining(trail.rows.map((r) => r.id)));

    const otherTrail = await searchAudit(users.admin, ZAuditSearch.parse({ patient: other.id, pageSize: 100 }));
    expect(otherTrail.rows.map((r) => r.action)).not.toContain("visit.export");
    expect(otherTrail.rows.map((r) => r.action)).toContain("patient.search");
  });

  it("the CSV export's audit row records the patients in the file, and no clinical filter", async () => {
    const p = await newPatient(`Exported${Date.now().toString(36)}`);
    const visit = await startVisit(users.staff, p.id);
    await submitVisit(users.staff, visit.id, { version: visit.version, answers: EMERGENCY.intake });
    const csv = await exportQueueCsv(users.doctor, ZQueueQuery.parse({ status: "SUBMITTED", urgency: "emergency", q: p.familyName }));
    expect(await new Response(csv.stream).text()).toContain(p.mrn);
    const recorded = await db().auditEvent.findFirst({ where: { action: "visit.export", actorId: users.doctor.id }, orderBy: { id: "desc" }, select: { patientIds: true, details: true } });
    expect(recorded?.patientIds).toEqual([p.id]);
    expect(recorded?.details).toEqual({ format: "csv", rows: 1 });
  });
});
