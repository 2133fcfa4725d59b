// The audit log search: shared by the admin page's filter form (react-hook-form) and the API.
// Every filter is a string, "" meaning "any". The patient filter accepts an MRN, which is patient
// data, so searches travel in a POST body and never in a URL.
import { z } from "zod";
import { dayRefinement } from "./day";

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;
/** What the admin page shows per page. */
export const AUDIT_LOG_PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MRN = /^[A-Z0-9][A-Z0-9-]{2,31}$/i;
const ACTION = /^[a-z_]+(\.[a-z_]+)*\.?$/;

const filter = (field: string, valid: (v: string) => boolean, message: string) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .max(64, `${field} must be at most 64 characters`)
    .refine((v) => v === "" || valid(v), message)
    .default("");

/** A day filter: "" or a day PostgreSQL can search (lib/contracts/day.ts, as the queue's). */
const dayFilter = (field: string) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .max(64, `${field} must be at most 64 characters`)
    .superRefine((v, ctx) => {
      if (v !== "") dayRefinement(field)(v, ctx);
    })
    .default("");

const FILTERS = {
  actorId: filter("Actor", (v) => UUID.test(v), "Actor must be one of the listed users"),
  action: filter("Action", (v) => ACTION.test(v), "Action must be an action such as visit.submit, or a prefix such as visit."),
  patient: filter("Patient", (v) => UUID.test(v) || MRN.test(v), "Patient must be an MRN or a patient id"),
  from: dayFilter("From"),
  to: dayFilter("To"),
};
const inOrder = (v: { from: string; to: string }) => !v.from || !v.to || v.from <= v.to;

export const ZAuditFilters = z.strictObject(FILTERS).refine(inOrder, { path: ["to"], message: "To must not be before From" });

export type TAuditFiltersInput = z.input<typeof ZAuditFilters>;
export type TAuditFilters = z.output<typeof ZAuditFilters>;

export const ZAuditSearch = z
  .strictObject({
    ...FILTERS,
    page: z.number({ error: "page must be a whole number" }).int("page must be a whole number").min(1, "page must be 1 or more").max(100_000, "page must be at most 100000").default(1),
    pageSize: z
      .number({ error: "pageSize must be 25, 50 or 100" })
      .refine((n) => (AUDIT_PAGE_SIZES as readonly number[]).includes(n), "pageSize must be 25, 50 or 100")
      .default(50),
  })
  .refine(inOrder, { path: ["to"], message: "To must not be before From" });

export type TAuditSearch = z.output<typeof ZAuditSearch>;
