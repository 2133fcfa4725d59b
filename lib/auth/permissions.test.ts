import { describe, expect, it } from "vitest";
import { can, navigationFor, PERMISSIONS } from "./permissions";
import { ROLES } from "@/lib/contracts/roles";

describe("permission matrix", () => {
  it("refuses unknown or missing roles everything", () => {
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      for (const role of ["GUEST", "admin", "", null, undefined, 1, { role: "ADMIN" }]) {
        expect(can(role, permission)).toBe(false);
      }
    }
  });

  it("only names known roles", () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(ROLES).toContain(r);
  });

  it("keeps clinical work from admins and admin work from clinicians", () => {
    expect(can("ADMIN", "patient:read")).toBe(false);
    expect(can("ADMIN", "review:decide")).toBe(false);
    expect(can("CLINICIAN", "admin:users")).toBe(false);
    expect(can("STAFF", "review:read")).toBe(false);
    expect(can("STAFF", "intake:write")).toBe(true);
    expect(can("CLINICIAN", "review:decide")).toBe(true);
  });

  it("gives each role its navigation", () => {
    const labels = (role: string) => navigationFor(role).map((n) => n.label);
    expect(labels("STAFF")).toEqual(["Intake"]);
    expect(labels("CLINICIAN")).toEqual(["Intake", "Review", "Insight"]);
    expect(labels("ADMIN")).toEqual(["Insight", "Admin"]);
    expect(labels("NOBODY")).toEqual([]);
  });
});
