// One error type for known failures. Route handlers turn it into JSON
// `{ error: { code, message, fields? } }` with its status; anything else is a 500 with an id.

import { z } from "zod";

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  /** signed in, but the role requires two-step sign-in and it is not set up yet */
  two_step_required: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

export interface TFieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly fields?: TFieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/**
 * The error body every API route answers with (lib/http/route.ts writes it): `{ error: { code, message, fields?,
 * id?, ...extra } }`. The browser's client parses it with this schema; extras a route adds (`current` on a version
 * conflict, `existing` on a duplicate MRN, `cannotExclude` on a refused submit) pass through.
 */
export const ZErrorBody = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    /** the server log's reference for a 5xx */
    id: z.string().optional(),
    /** a version conflict: where the record is now */
    current: z.object({ version: z.number(), status: z.string() }).optional(),
  }),
});

export type TErrorBody = z.infer<typeof ZErrorBody>;
