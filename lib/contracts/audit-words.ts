// The audit trail in words, for the admin's audit page and its CSV export: what each action means, what the
// record is, and the details (ids, counts, versions) as a short readable list ("Version 3", "Patients shown: 12")
// instead of raw JSON. An action or detail this file does not know yet is shown by its code, never dropped.
import { formatDay } from "./format";
import { ROLE_LABELS, type TRole } from "./roles";

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "access.denied": "Refused: not allowed for the role",
  "alert.acknowledge": "Took an urgent alert",
  "alert.escalate": "Urgent alert escalated (nobody took it in time)",
  "alert.raise": "Urgent alert raised",
  "audit.export": "Exported the audit log (CSV)",
  "audit.search": "Searched the audit log",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_paused": "Sign-in paused after failed attempts",
  "auth.sign_out": "Signed out",
  "events.stream": "Opened the live updates",
  "patient.create": "Registered a patient",
  "patient.likely_duplicates": "Was shown likely duplicates while registering",
  "patient.read": "Opened a patient's record",
  "patient.search": "Searched for patients",
  "ruleset.upgrade": "Rules upgraded to a new version",
  "ruleset_recall.list": "Opened the rule change review list",
  "ruleset_recall.review": "Reviewed a visit after a rule change",
  "saved_view.create": "Saved a queue view",
  "saved_view.delete": "Deleted a saved queue view",
  "user.create": "Created an account",
  "user.password_link": "Made a one-time set-password link",
  "user.password_reset": "Reset a password",
  "user.password_set": "Chose a password with a one-time link",
  "user.two_step_enrol": "Turned on two-step sign-in",
  "user.two_step_reset": "Reset two-step sign-in",
  "user.two_step_start": "Started setting up two-step sign-in",
  "user.update": "Changed an account",
  "self_intake.birth_date_wrong": "Patient link: a wrong date of birth was entered",
  "self_intake.finish": "Patient finished answering by link (to check)",
  "self_intake.link_create": "Made a patient link for a visit",
  "self_intake.link_revoke": "Revoked a patient link",
  "self_intake.lock": "Patient link locked after wrong dates of birth",
  "self_intake.open": "Patient opened a link (date of birth confirmed)",
  "self_intake.read": "Patient link: the questions were loaded",
  "self_intake.save": "Patient link: answers saved",
  "visit.addendum": "Added an addendum to a visit",
  "visit.amend": "Completed a submitted visit's answers",
  "visit.create": "Started a visit",
  "visit.decide": "Recorded a decision on a visit",
  "visit.draft_save": "Saved a draft intake",
  "visit.export": "Exported visits",
  "visit.list_drafts": "Listed draft intakes",
  "visit.list_today": "Listed today's visits",
  "visit.pinned": "Listed the pinned urgent visits",
  "visit.queue": "Opened the review queue",
  "visit.read": "Opened a visit",
  "visit.reevaluate": "Visit re-checked with new rules",
  "visit.sign": "Signed a visit",
  "visit.submit": "Submitted an intake",
};

/** The action in words; an action not in the list is shown as its code. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** A filter choice: "Any visit action" for a prefix ("visit."), else the action's words. */
export function auditActionOptionLabel(action: string): string {
  if (action.endsWith(".")) return `Any ${action.slice(0, -1).replace(/_/g, " ")} action`;
  return auditActionLabel(action);
}

/** The first 8 characters of an id: enough to tell records apart on screen (the CSV has the whole id). */
export const shortId = (id: string) => (id.length > 12 && /^[0-9a-f-]+$/i.test(id) ? id.slice(0, 8) : id);

const ENTITY_WORDS: Record<string, string> = {
  Patient: "Patient",
  Visit: "Visit",
  User: "Account",
  AuditEvent: "Audit log",
  Route: "Page or request",
  Event: "Live updates",
  Alert: "Alert",
  RulesetRecall: "Rule change review",
  Ruleset: "Rules",
  SavedView: "Saved view",
};

/**
 * What the row is about, in words: "Visit 1a2b3c4d", "Account: Sam Staff" (account names come from `names`, the
 * accounts the admin may see anyway), "Page or request: GET /admin"; "*" (a list or search) is the kind alone.
 */
export function auditRecordText(entityType: string, entityId: string, names: ReadonlyMap<string, string> = new Map()): string {
  const kind = ENTITY_WORDS[entityType] ?? entityType;
  if (entityId === "*" || entityId === "") return kind;
  if (entityType === "User" && names.has(entityId)) return `${kind}: ${names.get(entityId)}`;
  if (entityType === "Route") return `${kind}: ${entityId}`;
  return `${kind} ${shortId(entityId)}`;
}

const REASONS: Record<string, string> = { password: "wrong password", code: "wrong or used code", inactive: "account deactivated" };
const SECOND_STEPS: Record<string, string> = { app: "authenticator app code", recovery: "recovery code" };
const FORMATS: Record<string, string> = { csv: "CSV", pdf: "PDF", fhir: "FHIR" };
const STATUSES: Record<string, string> = { DRAFT: "draft", SUBMITTED: "submitted", SIGNED: "signed", ALL: "all" };

const roleWord = (v: unknown) => (typeof v === "string" && v in ROLE_LABELS ? ROLE_LABELS[v as TRole] : String(v));
const activeWord = (v: unknown) => (v === true ? "active" : v === false ? "deactivated" : String(v));
const count = (v: unknown) => (Array.isArray(v) ? v.length : Number(v));

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "secondsToAcknowledge" -> "Seconds to acknowledge": for a key this file does not know. */
function keyWords(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueWords(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) return `${value.length}`;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") return Object.keys(value).length ? "(more)" : "none";
  return String(value);
}

export interface TAuditDetailContext {
  /** account id -> name, for the audit search's own "who" filter */
  names?: ReadonlyMap<string, string>;
  /** how many patients the row disclosed (a list, search or export) */
  patientsShown?: number;
}

/**
 * The details as short lines, in a stable order. Pairs (role from/to, active from/to, ruleset from/to) read as
 * one line; lists of ids are counted ("Visits listed: 12"), never printed.
 */
export function auditDetailLines(details: unknown, context: TAuditDetailContext = {}): string[] {
  const d = details && typeof details === "object" && !Array.isArray(details) ? (details as Record<string, unknown>) : {};
  const lines: string[] = [];
  const done = new Set<string>();
  const take = (...keys: string[]) => keys.forEach((k) => done.add(k));
  if (context.patientsShown) lines.push(`Patients shown: ${context.patientsShown}`);
  if ("roleFrom" in d || "roleTo" in d) {
    lines.push(`Role: ${roleWord(d.roleFrom)} to ${roleWord(d.roleTo)}`);
    take("roleFrom", "roleTo");
  }
  if ("activeFrom" in d || "activeTo" in d) {
    lines.push(`Access: ${activeWord(d.activeFrom)} to ${activeWord(d.activeTo)}`);
    take("activeFrom", "activeTo");
  }
  if ("fromRuleset" in d || "toRuleset" in d) {
    lines.push(`Rules: version ${valueWords(d.fromRuleset)} to ${valueWords(d.toRuleset)}`);
    take("fromRuleset", "toRuleset");
  }
  for (const [key, value] of Object.entries(d)) {
    if (done.has(key)) continue;
    const line = detailLine(key, value, context);
    if (line) lines.push(line);
  }
  return lines;
}

function detailLine(key: string, v: unknown, context: TAuditDetailContext): string | null {
  switch (key) {
    case "version":
      return `Version ${valueWords(v)}`;
    case "rulesetVersion":
    case "ruleset":
      return `Rules version ${valueWords(v)}`;
    case "count":
      return `Count: ${valueWords(v)}`;
    case "total":
      return `Found: ${valueWords(v)}`;
    case "page":
      return `Page ${valueWords(v)}`;
    case "rows":
      return `Rows: ${valueWords(v)}`;
    case "visits":
      return `Visits: ${valueWords(v)}`;
    case "visitIds":
      return `Visits listed: ${count(v)}`;
    case "answered":
      return `Questions answered: ${valueWords(v)}`;
    case "secondsToAcknowledge":
      return `Taken after ${duration(Number(v))}`;
    case "alertId":
      return `Alert ${valueWords(v)}`;
    case "addendumId":
      return `Addendum ${shortId(valueWords(v))}`;
    case "recallId":
      return `Review item ${valueWords(v)}`;
    case "format":
      return `Format: ${FORMATS[String(v)] ?? valueWords(v)}`;
    case "status":
      return `Status: ${STATUSES[String(v)] ?? valueWords(v)}`;
    case "addenda":
      return `Addenda: ${valueWords(v)}`;
    case "reason":
      return `Reason: ${REASONS[String(v)] ?? valueWords(v)}`;
    case "secondStep":
      return `Second step: ${SECOND_STEPS[String(v)] ?? valueWords(v)}`;
    case "failures":
      return `Failed attempts: ${valueWords(v)}`;
    case "windowMinutes":
      return `Within ${valueWords(v)} minutes`;
    case "hours":
      return `Works for ${valueWords(v)} hours`;
    case "role":
      return `Role: ${roleWord(v)}`;
    case "active":
      return `Access: ${activeWord(v)}`;
    case "passwordReset":
      return v ? "Password reset" : null;
    case "fetchSite":
      return `Sent from: ${v === "cross-site" ? "another site" : valueWords(v)}`;
    // The audit log's own filters (audit.search, audit.export): only those that were set.
    case "actorId":
      return v ? `Filter who: ${context.names?.get(String(v)) ?? shortId(String(v))}` : null;
    case "action":
      return v ? `Filter action: ${auditActionOptionLabel(String(v))}` : null;
    case "patientBy":
      return v ? `Filter patient by ${v === "mrn" ? "MRN" : "id"}` : null;
    case "from":
      return v ? `Filter from ${formatDay(String(v))}` : null;
    case "to":
      return v ? `Filter to ${formatDay(String(v))}` : null;
    default:
      return `${keyWords(key)}: ${valueWords(v)}`;
  }
}
