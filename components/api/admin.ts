// The administrators' calls: accounts (create, change role or access, reset the password or the two-step sign-in)
// and the audit trail's search, whose filters (an MRN, perhaps) go in a POST body, never in a URL.
import type { TAuditFilters } from "@/lib/contracts/audit";
import type { TPasswordReset, TUserCreate, TUserUpdate } from "@/lib/contracts/users";
import { deleteJson, patchJson, postJson } from "./client";

const userUrl = (userId: string) => `/api/v1/admin/users/${userId}`;

export const createUser = (data: TUserCreate) => postJson<{ id?: unknown } | null>("/api/v1/admin/users", data);
export const updateUser = (userId: string, change: TUserUpdate) => patchJson(userUrl(userId), change);
export const resetUserPassword = (userId: string, data: TPasswordReset) => postJson(`${userUrl(userId)}/password`, data);
export const resetUserTwoStep = (userId: string) => deleteJson(`${userUrl(userId)}/two-step`);

export const searchAuditLog = (filters: TAuditFilters, page: number, pageSize: number) =>
  postJson<unknown>("/api/v1/admin/audit/search", { ...filters, page, pageSize });
