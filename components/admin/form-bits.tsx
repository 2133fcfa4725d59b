"use client";

// Small pieces shared by the admin forms.
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False until React has hydrated. Submit buttons stay disabled until then: a native submit before
 * hydration would send the fields (a password, an MRN) in a GET URL instead of through the API.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="patient-field-error" id={id}>
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

/** The ids a control's aria-describedby lists: its hint and, when shown, its error. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

export interface TApiResult {
  status: number;
  body: unknown;
}

export interface TApiError {
  code?: string;
  message?: string;
  fields?: { field: string; message: string }[];
  id?: string;
}

/** A JSON request to the API; a network failure comes back as status 0. */
export async function sendJson(method: "POST" | "PATCH", url: string, data: unknown): Promise<TApiResult> {
  try {
    const response = await fetch(url, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(data),
      cache: "no-store",
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  } catch {
    return { status: 0, body: null };
  }
}

export function apiError(result: TApiResult): TApiError {
  const error = (result.body as { error?: TApiError } | null)?.error;
  return error && typeof error === "object" ? error : {};
}

/** A sentence for a failed request that is not about one field. */
export function failureMessage(result: TApiResult, action: string): string {
  if (result.status === 0) return `Backline could not be reached. Check the connection and try again; nothing was ${action}.`;
  if (result.status === 401) return "Your session has ended. Sign in again, then try again.";
  if (result.status === 403) return "Your role does not allow this.";
  const error = apiError(result);
  const reference = error.id ? ` (error reference ${error.id})` : "";
  return `${error.message ?? `Nothing was ${action}.`}${reference}`;
}
