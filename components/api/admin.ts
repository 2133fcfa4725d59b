// The administrators' calls: accounts (create, change role or access, reset the password or the two-step sign-in,
// a one-time set-password link) and the audit trail's search, whose filters (an MRN, perhaps) go in a POST body,
// never in a URL. The audit CSV is a plain form post to AUDIT_EXPORT_URL (components/admin/audit-export.tsx).
import type { TAuditFilters } from "@/lib/contracts/audit";
import type { TPasswordReset, TUserCreate, TUserUpdate } from "@/lib/contracts/users";
import type { TSetPasswordLink, TUserCreatedWithLink, TUserDto } from "@/lib/contracts/wire/users";
import { deleteJson, patchJson, postJson } from "./client";

const userUrl = (userId: string) => `/api/v1/admin/users/${userId}`;

export const createUser = (data: TUserCreate) => postJson<Partial<TUserDto & TUserCreatedWithLink> | null>("/api/v1/admin/users", data);
export const updateUser = (userId: string, change: TUserUpdate) => patchJson(userUrl(userId), change);
export const resetUserPassword = (userId: string, data: TPasswordReset) => postJson(`${userUrl(userId)}/password`, data);
export const makeSetPasswordLink = (userId: string) => postJson<Partial<TSetPasswordLink> | null>(`${userUrl(userId)}/password`, { link: true });
export const resetUserTwoStep = (userId: string) => deleteJson(`${userUrl(userId)}/two-step`);

export const searchAuditLog = (filters: TAuditFilters, page: number, pageSize: number) =>
  postJson<unknown>("/api/v1/admin/audit/search", { ...filters, page, pageSize });

export const AUDIT_EXPORT_URL = "/api/v1/admin/audit/export.csv";
