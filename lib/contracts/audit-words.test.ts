// Every audit action the code writes has words on the audit page; details read as a list, never as JSON.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, auditActionLabel, auditDetailLines, auditRecordText, shortId } from "./audit-words";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

describe("audit words", () => {
  it("has a label for every action written in lib/ (Prisma, the audit() helper or SQL)", () => {
    const sources = ["lib/server", "lib/auth", "lib/db"]
      .flatMap(walk)
      .filter((f) => f.endsWith(".ts") && !f.includes(".test.") && !f.includes("generated") && !f.includes("test-support"));
    const actions = new Set<string>();
    for (const f of sources) {
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(/action: "([a-z_]+\.[a-z_]+)"/g)) actions.add(m[1]!);
      for (const m of text.matchAll(/'((?:visit|alert|ruleset|patient|user|audit|auth)\.[a-z_]+)'/g)) actions.add(m[1]!);
    }
    // Event kinds (lib/contracts/events.ts) share the SQL quoting, and are not audit actions.
    for (const kind of ["visit.submitted", "visit.signed", "visit.decided", "visit.amended", "alert.raised", "alert.escalated", "alert.acknowledged"]) actions.delete(kind);
    expect(actions.size).toBeGreaterThan(25);
    expect([...actions].filter((a) => !(a in AUDIT_ACTION_LABELS)).sort()).toEqual([]);
  });

  it("falls back to the code for an unknown action", () => {
    expect(auditActionLabel("visit.sign")).toBe("Signed a visit");
    expect(auditActionLabel("thing.new_kind")).toBe("thing.new_kind");
  });

  it("writes details as a readable list: versions, counts, pairs, filters; ids counted, not printed", () => {
    expect(auditDetailLines({ version: 3, rulesetVersion: "1.2.0" })).toEqual(["Version 3", "Rules version 1.2.0"]);
    expect(auditDetailLines({ total: 12, page: 1, visitIds: ["a", "b"] }, { patientsShown: 12 })).toEqual(["Patients shown: 12", "Found: 12", "Page 1", "Visits listed: 2"]);
    expect(auditDetailLines({ roleFrom: "STAFF", roleTo: "CLINICIAN" })).toEqual(["Role: Staff to Clinician"]);
    expect(auditDetailLines({ activeFrom: true, activeTo: false })).toEqual(["Access: active to deactivated"]);
    expect(auditDetailLines({ reason: "password" })).toEqual(["Reason: wrong password"]);
    expect(auditDetailLines({ secondsToAcknowledge: 125 })).toEqual(["Taken after 2 min 5 s"]);
    const names = new Map([["0b8f7c2e-1111-4222-8333-444455556666", "Sam Staff"]]);
    expect(auditDetailLines({ actorId: "0b8f7c2e-1111-4222-8333-444455556666", action: "visit.", patientBy: "mrn", from: "2026-12-01", to: null }, { names })).toEqual([
      "Filter who: Sam Staff",
      "Filter action: Any visit action",
      "Filter patient by MRN",
      "Filter from 1 Dec 2026",
    ]);
    expect(auditDetailLines({ somethingNew: 4 })).toEqual(["Something new: 4"]);
    expect(auditDetailLines(null)).toEqual([]);
    for (const line of auditDetailLines({ format: "csv", rows: 3, nested: { a: 1 } })) expect(line).not.toMatch(/[{}]/);
  });

  it("names the record in words, with a short id", () => {
    expect(auditRecordText("Visit", "3f2a9c1b-1111-4222-8333-444455556666")).toBe("Visit 3f2a9c1b");
    expect(auditRecordText("Patient", "*")).toBe("Patient");
    expect(auditRecordText("User", "u1", new Map([["u1", "Dr Dana Doctor"]]))).toBe("Account: Dr Dana Doctor");
    expect(auditRecordText("Route", "GET /admin")).toBe("Page or request: GET /admin");
    expect(shortId("3f2a9c1b-1111-4222-8333-444455556666")).toBe("3f2a9c1b");
  });
});
