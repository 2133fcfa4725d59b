// The one way the browser calls the API. JSON in and out; a failure comes back as the error envelope
// `{ error: { code, message, fields, current, ... } }` parsed with lib/contracts/errors.ts, so every screen reads
// the same fields. A network failure is status 0 with a plain message; an aborted request is `aborted`.
// Components never call fetch themselves: they call these, or a hook in components/api/.

import { ZErrorBody, type TErrorBody } from "@/lib/contracts/errors";

/** The API's error body (every field optional: a proxy's 502 page has none of them). */
export type TApiError = Partial<TErrorBody["error"]> & Record<string, unknown>;

export type TApiFailure = {
  ok: false;
  /** the HTTP status; 0 when the server could not be reached */
  status: number;
  error: TApiError;
  /** the caller's signal aborted the request: show nothing */
  aborted?: true;
};

export type TApiResult<T> = { ok: true; status: number; body: T } | TApiFailure;

export const OFFLINE_MESSAGE = "Backline could not be reached. Check the connection and try again.";

type TMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface TRequestOptions {
  signal?: AbortSignal;
  /** the request outlives the page (a last save as the page is closed); its body must stay under 64 KB */
  keepalive?: boolean;
}

function errorOf(json: unknown): TApiError {
  const parsed = ZErrorBody.safeParse(json);
  return parsed.success ? parsed.data.error : {};
}

export async function request<T>(method: TMethod, url: string, body?: unknown, options: TRequestOptions = {}): Promise<TApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      cache: "no-store",
      signal: options.signal,
      ...(options.keepalive ? { keepalive: true } : {}),
      headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    if (options.signal?.aborted) return { ok: false, status: 0, error: {}, aborted: true };
    return { ok: false, status: 0, error: { message: OFFLINE_MESSAGE } };
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    if (options.signal?.aborted) return { ok: false, status: 0, error: {}, aborted: true };
  }
  if (response.ok) return { ok: true, status: response.status, body: json as T };
  return { ok: false, status: response.status, error: errorOf(json) };
}

export const getJson = <T = unknown>(url: string, options?: TRequestOptions) => request<T>("GET", url, undefined, options);
export const postJson = <T = unknown>(url: string, body: unknown, options?: TRequestOptions) => request<T>("POST", url, body, options);
export const putJson = <T = unknown>(url: string, body: unknown, options?: TRequestOptions) => request<T>("PUT", url, body, options);
export const patchJson = <T = unknown>(url: string, body: unknown, options?: TRequestOptions) => request<T>("PATCH", url, body, options);
export const deleteJson = <T = unknown>(url: string, options?: TRequestOptions) => request<T>("DELETE", url, undefined, options);

/** A 409 that says where the record is now: someone else changed it first. */
export function versionConflict(result: TApiFailure): { version: number; status: string } | null {
  return result.status === 409 && result.error.current ? result.error.current : null;
}

/** A sentence for a failed request that is not about one field; `action` is the past participle ("saved"). */
export function failureMessage(result: TApiFailure, action: string): string {
  if (result.status === 0) return `Backline could not be reached. Check the connection and try again; nothing was ${action}.`;
  if (result.status === 401) return "Your session has ended. Sign in again, then try again.";
  if (result.status === 403) return "Your role does not allow this.";
  const reference = result.error.id ? ` (error reference ${result.error.id})` : "";
  return `${result.error.message ?? `Nothing was ${action}.`}${reference}`;
}

/** A success that did not bring what the caller needed, read as a failure with no error body ("Nothing was …"). */
export function asFailure(result: TApiResult<unknown>): TApiFailure {
  return result.ok ? { ok: false, status: result.status, error: {} } : result;
}
