// The patient's own calls (issue 19): the device session cookie is the authority, set by `openSelfIntake`.
import type { TPatientSaved, TPatientVisit, TSelfIntakeLanguage, TSelfIntakeLink } from "@/lib/contracts/self-intake";
import { deleteJson, getJson, postJson, putJson } from "./client";

export const openSelfIntake = (token: string, birthDate: string, language: TSelfIntakeLanguage) => postJson<{ ok: true }>("/api/v1/self-intake/open", { token, birthDate, language });
export const loadSelfIntake = () => getJson<TPatientVisit>("/api/v1/self-intake");
export const saveSelfIntake = (body: { version: number; answers: Record<string, unknown>; language: TSelfIntakeLanguage }, options?: { keepalive?: boolean }) =>
  putJson<TPatientSaved>("/api/v1/self-intake", body, options);
export const finishSelfIntake = (body: { version: number; answers: Record<string, unknown>; language: TSelfIntakeLanguage }) => postJson<TPatientSaved>("/api/v1/self-intake/finish", body);

/** Staff: a one-time link for the visit, and revoking it. */
export const createPatientLink = (visitId: string) => postJson<TSelfIntakeLink>(`/api/v1/visits/${visitId}/self-intake-link`, {});
export const revokePatientLink = (visitId: string) => deleteJson<{ revoked: number }>(`/api/v1/visits/${visitId}/self-intake-link`);
