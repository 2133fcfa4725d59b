// Audit rows hold ids and what changed, never answers, names or other clinical content: run every
// flow that writes audit rows with distinctive values, then scan the whole trail for them.
import { beforeAll, describe, expect, it } from "vitest";
import { vignetteIntake } from "@/lib/clinical/test-support/vignettes";
import { checkCredentials } from "@/lib/auth/credentials";
import { QUESTION_LIST, TIERS } from "@/lib/clinical";
import { db } from "@/lib/db/client";
import { ZAuditSearch } from "@/lib/contracts/audit";
import { BLANK_REASONS } from "@/lib/contracts/blank-reasons";
import { OVERRIDE_REASONS, ZDecision } from "@/lib/contracts/visit";
import { ZQueueQuery } from "@/lib/contracts/queue";
import { demoUsers } from "@/lib/testing/users";
import { createPatient } from "../patients/create-patient";
import { registerPatient } from "../patients/register-patient";
import { listToday } from "../visits/list-today";
import { getPatient } from "../patients/get-patient";
import { searchPatients } from "../patients/search-patients";
import { createUser } from "../users/create-user";
import { resetPassword } from "../users/reset-password";
import { updateUser } from "../users/update-user";
import { addAddendum } from "../visits/add-addendum";
import { decideVisit } from "../visits/decide-visit";
import { getVisit } from "../visits/get-visit";
import { listDrafts } from "../visits/list-drafts";
import { listQueue } from "../visits/list-queue";
import { saveDraft } from "../visits/save-draft";
import { amendVisit } from "../visits/amend-visit";
import { signVisit } from "../visits/sign-visit";
import { startVisit } from "../visits/start-visit";
import { submitVisit } from "../visits/submit-visit";
import { previousVisitAnswers } from "../visits/review-previous-visit";
import { acknowledgeAlert, escalateDueAlerts, listPinned } from "../safety/alerts";
import { exportQueueCsv } from "../exports/export-queue-csv";
import { createSavedView } from "../saved-views/create-saved-view";
import { deleteSavedView } from "../saved-views/delete-saved-view";
import { searchAudit } from "./search-audit";

const V29 = { intake: vignetteIntake("LBP-V29") };

let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

const tag = Date.now().toString(36).toUpperCase();
const SECRET = {
  givenName: `Zephyrine${tag}`,
  familyName: `Quillfeather${tag}`,
  mrn: `AUD-${tag}`,
  birthDate: "1957-03-14",
  traumaDetails: `Fell from a ladder at Wexcombe farm ${tag}`,
  reasonText: `Imaged at Saint Ormund hospital ${tag}`,
  note: `Patient anxious about Yarrowvale job ${tag}`,
  addendum: `Phoned daughter Philippa ${tag}`,
  password: `a secret passphrase ${tag}`,
  wrongPassword: `typed by mistake ${tag}`,
  blankReasonText: `Patient distressed after the Harrowgate crash ${tag}`,
  provisionalReasonText: `Sedated in the Kelmscott ambulance ${tag}`,
  amendedTrauma: `Slipped on the Ossington stairs ${tag}`,
};

type TRow = { action: string; entityType: string; entityId: string; details: unknown };
let rows: TRow[];
let patientId: string;

/** Every flow that writes audit rows, with distinctive values; then the whole trail. */
beforeAll(async () => {
  {
    const patient = await createPatient(users.staff, { mrn: SECRET.mrn, givenName: SECRET.givenName, familyName: SECRET.familyName, birthDate: SECRET.birthDate, sex: "male" });
    await searchPatients(users.staff, { q: SECRET.familyName, page: 1, pageSize: 10 });
    // The front desk: a likely duplicate held back (the matches disclosed), a typo and a birth date searched, the day's list.
    await registerPatient(users.staff, { mrn: `${SECRET.mrn}-2`, givenName: SECRET.givenName, familyName: SECRET.familyName, birthDate: SECRET.birthDate, sex: "male" }).catch(() => null);
    await searchPatients(users.staff, { q: `${SECRET.familyName.slice(0, 5)}${SECRET.familyName.slice(6)} 14/3/1957`, page: 1, pageSize: 10 });
    await listToday(users.staff, "Europe/London");
    await searchPatients(users.doctor, { q: SECRET.mrn, page: 1, pageSize: 10 });
    await getPatient(users.doctor, patient.id);
    const visit = await startVisit(users.staff, patient.id);
    const answers = { ...V29.intake, trauma_details: SECRET.traumaDetails };
    const saved = await saveDraft(users.staff, visit.id, { version: visit.version, answers });
    await listDrafts(users.staff);
    await getVisit(users.staff, visit.id);
    const submitted = await submitVisit(users.staff, visit.id, { version: saved.version, answers });
    await listQueue(users.doctor, ZQueueQuery.parse({ q: SECRET.familyName }));
    const suggested = submitted.evaluation.imaging.modality;
    const decided = await decideVisit(
      users.doctor,
      visit.id,
      ZDecision.parse({ version: submitted.version, action: "override", modality: suggested === "none" ? "mri" : "none", reasonCode: "other", reasonText: SECRET.reasonText, note: SECRET.note }),
    );
    await signVisit(users.doctor, visit.id, { version: decided.version });
    await addAddendum(users.doctor, visit.id, { text: SECRET.addendum });
    // A provisional result (fever left blank) signed with the acknowledgement: the sign row names the blank
    // question by id, nothing more.
    const provisional = await startVisit(users.staff, patient.id);
    const withoutFever: Record<string, unknown> = { ...answers };
    delete withoutFever.fever;
    const provisionalSubmitted = await submitVisit(users.staff, provisional.id, {
      version: provisional.version,
      answers: withoutFever,
      blankReason: { code: "other", text: SECRET.blankReasonText },
    });
    expect(provisionalSubmitted.evaluation.missing).toEqual(["fever"]);
    // The review page's "Changed since last visit": the earlier visit's answers read, audited with ids only.
    await previousVisitAnswers(users.doctor, { id: provisional.id, patientId: patient.id, submittedAt: new Date().toISOString() });
    const provisionalDecided = await decideVisit(users.doctor, provisional.id, ZDecision.parse({ version: provisionalSubmitted.version, action: "accept", note: SECRET.note }));
    await signVisit(users.doctor, provisional.id, { version: provisionalDecided.version, acknowledgeProvisional: true, provisionalReason: { code: "other", text: SECRET.provisionalReasonText } });
    // The safety loop: an emergency submitted with a blank answer and without the injury's details raises an
    // alert; the pin lists it, a doctor takes it, staff complete the blank answers (free text among them), the
    // completed emergency raises a new alert, and nobody takes that one in time.
    const amended = await startVisit(users.staff, patient.id);
    const withoutDetails: Record<string, unknown> = { ...answers };
    delete withoutDetails.trauma_details;
    delete withoutDetails.fever;
    const amendedSubmitted = await submitVisit(users.staff, amended.id, {
      version: amended.version,
      answers: withoutDetails,
      blankReason: { code: "other", text: SECRET.blankReasonText },
    });
    expect(amendedSubmitted.evaluation.urgency).toBe("emergency");
    await listPinned(users.staff);
    await listPinned(users.doctor);
    await acknowledgeAlert(users.doctor, amended.id);
    const completed = await amendVisit(users.staff, amended.id, { version: amendedSubmitted.version, answers: { fever: false, trauma_details: SECRET.amendedTrauma } });
    expect(completed.alertRaised).toBe(true);
    expect(await escalateDueAlerts(0)).toBeGreaterThanOrEqual(1);
    const account = await createUser(users.admin, { name: "Audit Probe", email: `probe-${tag.toLowerCase()}@example.org`, role: "STAFF", password: SECRET.password });
    await resetPassword(users.admin, account.id, `${SECRET.password} two`);
    await updateUser(users.admin, account.id, { role: "CLINICIAN" });
    await checkCredentials(db(), account.email, SECRET.wrongPassword, { address: "192.0.2.10", limits: { perAccount: 5, perAddress: 20, windowMinutes: 15 } });
    await searchAudit(users.admin, ZAuditSearch.parse({ patient: SECRET.mrn }));

    await exportQueueCsv(users.doctor, ZQueueQuery.parse({ status: "ALL", urgency: "emergency" })).then((e) => e.stream.cancel());
    // A saved queue view named after the patient (free text a clinician might type): neither name nor filters in the trail.
    const view = await createSavedView(users.doctor, { name: `${SECRET.familyName} view`, filters: { status: "ALL", urgency: "emergency", flag: "RF-CES-01", sort: "urgency" } });
    await deleteSavedView(users.doctor, view.id);
    patientId = patient.id;
  }
  rows = await db().auditEvent.findMany({ select: { action: true, entityType: true, entityId: true, details: true } });
}, 120_000);

describe("audit details", () => {
  it("hold no names, MRNs, birth dates, free text, answers or passwords after every audited flow", () => {
    expect(rows.length).toBeGreaterThan(15);
    const actions = new Set(rows.map((r) => r.action));
    for (const expected of ["patient.create", "patient.search", "patient.read", "visit.create", "visit.draft_save", "visit.submit", "visit.decide", "visit.sign", "visit.addendum", "user.create", "user.password_reset", "user.update", "auth.sign_in_failed", "audit.search", "alert.raise", "alert.acknowledge", "alert.escalate", "visit.amend", "visit.pinned", "saved_view.create", "saved_view.delete", "patient.likely_duplicates", "visit.list_today"]) {
      expect(actions, expected).toContain(expected);
    }
    const trail = JSON.stringify(rows);
    expect(trail).toContain(patientId); // the scan does see this test's rows
    const secrets = [...Object.values(SECRET), SECRET.password, SECRET.givenName.toLowerCase(), SECRET.familyName.toLowerCase(), SECRET.mrn.toLowerCase()];
    for (const value of secrets) expect(trail, `audit trail contains "${value}"`).not.toContain(value);
    // Answers keyed by question id would be the way answers leak into details: no detail key is one.
    const questionIds = new Set(QUESTION_LIST.map((q) => q.id));
    const keys = rows.flatMap((r) => Object.keys((r.details ?? {}) as object));
    expect(keys.filter((k) => questionIds.has(k))).toEqual([]);
  });
});

/**
 * What an audit row's details may hold (security round 2, finding 4): ids, counts, the action's version and ruleset
 * version. Never a clinical value: urgency, imaging suggested or chosen, decisions, override or blank-answer reasons,
 * which questions were blank or answered. Those live in the visit's own versioned records.
 */
const ALLOWED_DETAIL_KEYS = new Set([
  // ids and counts
  "alertId", "addendumId", "recallId", "visitIds", "count", "total", "page", "rows", "visits", "answered", "secondsToAcknowledge",
  // versions
  "version", "rulesetVersion", "fromRuleset", "toRuleset",
  // a ruleset upgrade's counts
  "ruleset", "reevaluated", "changed", "decisionsCleared", "recalls", "signedChecked", "alreadyApplied",
  // exports and lists: the format, the list's own view (open or reviewed recalls) and its counts
  "format", "status", "addenda", "view", "open", "reviewed",
  // the rule change review list's counts per view (ruleset_recall.list)
  "flags", "questions",
  // accounts (not patients): sign-in outcomes, pauses, role changes, refused requests
  "reason", "secondStep", "failures", "windowMinutes", "role", "roleFrom", "roleTo", "active", "activeFrom", "activeTo", "name", "email", "passwordReset", "fetchSite",
  // set-password and self-intake links: how long a link works (hours), the link's row id, wrong tries; never a token
  "hours", "linkId", "revoked", "tries",
  // the audit search's own filters (ids and days)
  "actorId", "action", "patientBy", "from", "to",
]);

describe("audit details hold only ids, versions and counts", () => {
  it("no detail key outside the allowed list, and no clinical value anywhere in the details", () => {
    const unexpected = new Set<string>();
    for (const r of rows) for (const key of Object.keys((r.details ?? {}) as object)) if (!ALLOWED_DETAIL_KEYS.has(key)) unexpected.add(`${r.action}: ${key}`);
    expect([...unexpected].sort()).toEqual([]);
    // Values: nothing from the clinical vocabulary (tiers, modalities, decisions, reasons, rule and question ids).
    const clinical = new Set<string>([
      ...TIERS.filter((t) => t !== "none"), "xray", "ct", "mri", "accept", "override",
      ...OVERRIDE_REASONS.map((r) => r.value), ...BLANK_REASONS.map((r) => r.value),
      ...QUESTION_LIST.map((q) => q.id),
    ]);
    const leaks: string[] = [];
    const visit = (action: string, value: unknown): void => {
      if (typeof value === "string") {
        if (clinical.has(value) || /^(RF|DATA|ADV|PATH|IMG)-/.test(value)) leaks.push(`${action}: ${value}`);
      } else if (Array.isArray(value)) value.forEach((v) => visit(action, v));
      else if (value && typeof value === "object") Object.values(value).forEach((v) => visit(action, v));
    };
    for (const r of rows) if (r.action !== "user.update" && r.action !== "user.create") visit(r.action, r.details);
    expect(leaks).toEqual([]);
  });
});
