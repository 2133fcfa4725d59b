// Who may do what: the role → permission matrix, as plain data. Every page and API route
// asks through `can()`; a role this table does not know is refused everything.

import { ROLES, type TRole } from "@/lib/contracts/roles";

export const PERMISSIONS = {
  /** Own account details. */
  "self:read": ["STAFF", "CLINICIAN", "ADMIN"],
  /** Set up two-step sign-in for one's own account. */
  "self:mfa": ["CLINICIAN", "ADMIN"],
  /** Find, register and view patients. */
  "patient:read": ["STAFF", "CLINICIAN"],
  "patient:write": ["STAFF", "CLINICIAN"],
  /** Start visits, fill in and submit the intake. */
  "intake:write": ["STAFF", "CLINICIAN"],
  /** The doctors' review queue and visit review pages. */
  "review:read": ["CLINICIAN"],
  /** Accept/override a suggestion, sign, add addenda. */
  "review:decide": ["CLINICIAN"],
  /** Export visit summaries and the queue. */
  "export:read": ["CLINICIAN"],
  /** Override statistics per rule (no patient data). */
  "insight:read": ["CLINICIAN", "ADMIN"],
  /** User accounts. */
  "admin:users": ["ADMIN"],
  /** The audit trail. */
  "admin:audit": ["ADMIN"],
} as const satisfies Record<string, readonly TRole[]>;

export type TPermission = keyof typeof PERMISSIONS;

/** All an account whose role requires two-step sign-in may reach before it is set up: its own details and the set-up. */
export const TWO_STEP_SET_UP_PERMISSIONS: readonly TPermission[] = ["self:read", "self:mfa"];

export function isRole(value: unknown): value is TRole {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: unknown, permission: TPermission): boolean {
  if (!isRole(role)) return false;
  return (PERMISSIONS[permission] as readonly TRole[]).includes(role);
}

/** Navigation entries, each shown only to roles holding its permission. */
export const NAVIGATION = [
  { href: "/intake", label: "Intake", permission: "intake:write" },
  { href: "/review", label: "Review", permission: "review:read" },
  { href: "/review/insight", label: "Insight", permission: "insight:read" },
  { href: "/admin", label: "Admin", permission: "admin:users" },
] as const satisfies readonly { href: string; label: string; permission: TPermission }[];

export function navigationFor(role: unknown) {
  return NAVIGATION.filter((item) => can(role, item.permission));
}

