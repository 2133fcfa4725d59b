// The browser's calls to the API for the safety loop (and, over time, for everything): JSON in and out, the
// error envelope `{ error: { code, message, fields, current } }`, and a plain message when the network fails.

export interface TApiError {
  code?: string;
  message?: string;
  fields?: { field: string; message: string }[];
  current?: { version: number; status: string };
  [extra: string]: unknown;
}

export type TApiResult<T> = { ok: true; body: T } | { ok: false; status: number; error: TApiError };

const OFFLINE = "Backline could not be reached. Check the connection and try again.";

async function call<T>(url: string, init: RequestInit): Promise<TApiResult<T>> {
  try {
    const response = await fetch(url, { cache: "no-store", ...init, headers: { Accept: "application/json", ...init.headers } });
    const json = (await response.json().catch(() => null)) as ({ error?: TApiError } & T) | null;
    if (response.ok) return { ok: true, body: json as T };
    return { ok: false, status: response.status, error: json?.error ?? {} };
  } catch {
    return { ok: false, status: 0, error: { message: OFFLINE } };
  }
}

export function postJson<T = unknown>(url: string, body: unknown): Promise<TApiResult<T>> {
  return call<T>(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

export function getJson<T = unknown>(url: string): Promise<TApiResult<T>> {
  return call<T>(url, { method: "GET" });
}

export function deleteJson<T = unknown>(url: string): Promise<TApiResult<T>> {
  return call<T>(url, { method: "DELETE" });
}
