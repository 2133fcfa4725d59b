// Every way into Backline, and who may use it: each page and each API route + method, with the
// permission it requires (from PERMISSIONS), "signed-in" (any active account) or "public".
// Plain data, checked two ways:
//  - lib/auth/access-table.test.ts walks app/ and fails on any page or route (or HTTP method) missing
//    here, any entry here without a file, and any handler or page whose permission check in the source
//    differs from its entry;
//  - e2e/authorization.spec.ts calls every entry as anonymous, STAFF, CLINICIAN, ADMIN and a
//    deactivated user against the production build, and asserts exactly the allowed set.
// Adding a page or route: add its line here (see CONTRIBUTING.md, "Adding a page or an API route").
import { PERMISSIONS, type TPermission } from "./permissions";
import { ROLES, type TRole } from "@/lib/contracts/roles";

/** A permission, several of which any one suffices, any signed-in active user, or anyone at all. */
export type TAccess = TPermission | readonly [TPermission, ...TPermission[]] | "signed-in" | "public";

export type THttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type TAccessEntry =
  | {
      /** The page's URL path as the file system gives it: route groups dropped, `[id]` kept. */
      page: string;
      access: TAccess;
      /** A concrete path to request in the HTTP test, when the default sample ids do not fit. */
      sample?: string;
    }
  | {
      /** "METHOD /path", with `[id]` for dynamic segments. */
      route: `${THttpMethod} /${string}`;
      access: TAccess;
      sample?: string;
    };

export const ACCESS_TABLE: readonly TAccessEntry[] = [
  // Pages
  { page: "/signin", access: "public" },
  { page: "/", access: "signed-in" },
  { page: "/intake", access: "intake:write" },
  { page: "/patients/[id]", access: "patient:read" },
  { page: "/visits/[id]", access: ["intake:write", "review:read"] },
  { page: "/visits/[id]/intake", access: "intake:write" },
  { page: "/visits/[id]/complete", access: "intake:write" },
  { page: "/visits/[id]/handout", access: ["intake:write", "review:read"] },
  { page: "/review", access: "review:read" },
  { page: "/review/[id]", access: "review:read" },
  { page: "/review/insight", access: "insight:read" },
  { page: "/review/ruleset-changes", access: "review:read" },
  { page: "/admin", access: "admin:users" },
  { page: "/admin/users/new", access: "admin:users" },
  { page: "/admin/users/[id]", access: "admin:users" },
  { page: "/admin/audit", access: "admin:audit" },
  { page: "/admin/languages", access: "admin:users" },
  { page: "/account/two-step", access: "self:mfa" },
  { page: "/account/set-password", access: "public" },
  { page: "/self-intake/[token]", access: "public", sample: "/self-intake/not-a-working-link-at-all-0000000000000" },

  // API: next-auth's own endpoints (sign-in, sign-out, session, CSRF) and the health check
  { route: "GET /api/auth/[...nextauth]", access: "public", sample: "/api/auth/csrf" },
  { route: "POST /api/auth/[...nextauth]", access: "public", sample: "/api/auth/callback/credentials" },
  { route: "GET /api/health", access: "public" },

  // API v1
  { route: "GET /api/v1/me", access: "self:read" },
  { route: "GET /api/v1/me/two-step", access: "self:mfa" },
  { route: "POST /api/v1/me/two-step", access: "self:mfa" },
  { route: "POST /api/v1/me/two-step/confirm", access: "self:mfa" },
  { route: "GET /api/v1/me/saved-views", access: "review:read" },
  { route: "POST /api/v1/me/saved-views", access: "review:read" },
  { route: "DELETE /api/v1/me/saved-views/[id]", access: "review:read" },
  { route: "GET /api/v1/patients", access: "patient:read" },
  { route: "POST /api/v1/patients", access: "patient:write" },
  { route: "POST /api/v1/patients/search", access: "patient:read" },
  { route: "GET /api/v1/patients/[id]", access: "patient:read" },
  { route: "GET /api/v1/visits", access: "review:read" },
  { route: "POST /api/v1/visits", access: "intake:write" },
  { route: "POST /api/v1/visits/search", access: "review:read" },
  { route: "GET /api/v1/visits/drafts", access: "intake:write" },
  { route: "GET /api/v1/visits/[id]", access: ["intake:write", "review:read"] },
  { route: "PUT /api/v1/visits/[id]/answers", access: "intake:write" },
  { route: "POST /api/v1/visits/[id]/submit", access: "intake:write" },
  { route: "POST /api/v1/visits/[id]/decision", access: "review:decide" },
  { route: "POST /api/v1/visits/[id]/sign", access: "review:decide" },
  { route: "GET /api/v1/visits/[id]/next-in-queue", access: "review:read" },
  { route: "POST /api/v1/visits/[id]/addenda", access: "review:decide" },
  { route: "POST /api/v1/visits/[id]/amend", access: "intake:write" },
  { route: "POST /api/v1/visits/[id]/acknowledge", access: "review:decide" },
  // The stream never ends by itself: the sample's bad lastEventId makes an allowed caller's request a quick 400.
  { route: "GET /api/v1/events", access: ["review:read", "intake:write"], sample: "/api/v1/events?lastEventId=not-an-id" },
  { route: "GET /api/v1/alerts", access: ["review:read", "intake:write"] },
  { route: "GET /api/v1/visits/[id]/summary.pdf", access: "export:read" },
  { route: "GET /api/v1/visits/[id]/fhir", access: "export:read" },
  { route: "GET /api/v1/visits/export.csv", access: "export:read" },
  { route: "POST /api/v1/visits/export.csv", access: "export:read" },
  { route: "POST /api/v1/ruleset-recalls/[id]/review", access: "review:decide" },
  { route: "GET /api/v1/admin/users", access: "admin:users" },
  { route: "POST /api/v1/admin/users", access: "admin:users" },
  { route: "GET /api/v1/admin/users/[id]", access: "admin:users" },
  { route: "PATCH /api/v1/admin/users/[id]", access: "admin:users" },
  { route: "POST /api/v1/admin/users/[id]/password", access: "admin:users" },
  { route: "DELETE /api/v1/admin/users/[id]/two-step", access: "admin:users" },
  { route: "POST /api/v1/admin/audit/search", access: "admin:audit" },
  { route: "POST /api/v1/admin/audit/export.csv", access: "admin:audit" },
  { route: "POST /api/v1/account/set-password", access: "public" },
  { route: "POST /api/v1/visits/[id]/self-intake-link", access: "intake:write" },
  { route: "DELETE /api/v1/visits/[id]/self-intake-link", access: "intake:write" },
  // The patient's own API: no account; the device session cookie of a working link is the authority.
  { route: "POST /api/v1/self-intake/open", access: "public" },
  { route: "GET /api/v1/self-intake", access: "public" },
  { route: "PUT /api/v1/self-intake", access: "public" },
  { route: "POST /api/v1/self-intake/finish", access: "public" },
];

/** The key an entry is known by: "PAGE /path" or "METHOD /path". */
export function entryKey(entry: TAccessEntry): string {
  return "page" in entry ? `PAGE ${entry.page}` : entry.route;
}

/** The roles allowed in, derived from PERMISSIONS; "anyone" includes visitors who are not signed in. */
export function allowedRoles(access: TAccess): readonly TRole[] | "anyone" {
  if (access === "public") return "anyone";
  if (access === "signed-in") return ROLES;
  const anyOf: readonly TPermission[] = typeof access === "string" ? [access] : access;
  return ROLES.filter((role) => anyOf.some((p) => (PERMISSIONS[p] as readonly TRole[]).includes(role)));
}
