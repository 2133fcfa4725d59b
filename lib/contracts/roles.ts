// The account roles and their names on screen. What each role may do is lib/auth/permissions.ts.

export const ROLES = ["STAFF", "CLINICIAN", "ADMIN"] as const;
export type TRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<TRole, string> = {
  STAFF: "Staff",
  CLINICIAN: "Clinician",
  ADMIN: "Administrator",
};
