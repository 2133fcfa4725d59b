"use client";

// The audit trail for administrators: filters in a form, results paged by the server, in words (audit-rows.tsx),
// and the CSV of the filters shown. Searches go to the API in a POST body, never into the page URL: the patient
// filter may be an MRN.
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { FormDayInput } from "@/components/day-input";
import { DATE_FORMAT_EXAMPLES, clinicDateFormat } from "@/lib/contracts/format";
import { auditActionLabel, auditActionOptionLabel } from "@/lib/contracts/audit-words";
import type { TAuditRow } from "@/lib/contracts/wire/audit";
import { AUDIT_LOG_PAGE_SIZE, ZAuditFilters, type TAuditFilters, type TAuditFiltersInput } from "@/lib/contracts/audit";
import { searchAuditLog } from "@/components/api/admin";
import { asFailure, failureMessage } from "@/components/api/client";
import { useHydrated } from "@/components/use-hydrated";
import { AuditExport } from "./audit-export";
import { AuditRows } from "./audit-rows";
import { describedBy, FieldError } from "./form-bits";

const PAGE_SIZE = AUDIT_LOG_PAGE_SIZE;

type TRow = TAuditRow;

interface TShown {
  filters: TAuditFilters;
  page: number;
  rows: TRow[];
  total: number;
}

const EMPTY: TAuditFilters = { actorId: "", action: "", patient: "", from: "", to: "" };

function isPage(body: unknown): body is { rows: TRow[]; total: number } {
  const b = body as { rows?: unknown; total?: unknown } | null;
  return !!b && Array.isArray(b.rows) && typeof b.total === "number";
}

export function AuditLog({
  actors,
  actions,
  timeZone,
  initial,
}: {
  actors: { id: string; name: string; email: string }[];
  actions: string[];
  timeZone: string;
  /** The first page, unfiltered, rendered (and audited) on the server. */
  initial: { rows: TRow[]; total: number };
}) {
  const hydrated = useHydrated();
  const names = useMemo(() => new Map(actors.map((a) => [a.id, a.name])), [actors]);
  const prefixes = useMemo(() => [...new Set(actions.map((a) => `${a.split(".")[0]}.`))], [actions]);
  const byLabel = useMemo(() => [...actions].sort((a, b) => auditActionLabel(a).localeCompare(auditActionLabel(b))), [actions]);
  const [shown, setShown] = useState<TShown>({ filters: EMPTY, page: 1, rows: initial.rows, total: initial.total });
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const controllerRef = useRef<AbortController | null>(null);
  const prevRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  // After paging, focus stays on the button pressed; on the first or last page, where it is disabled,
  // it moves to the other one, so keyboard users are not dropped on <body>.
  const pagedWith = useRef<"prev" | "next" | null>(null);
  const {
    register,
    control,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<TAuditFiltersInput, unknown, TAuditFilters>({ resolver: zodResolver(ZAuditFilters), defaultValues: EMPTY });

  async function load(filters: TAuditFilters, page: number) {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setLoading(true);
    setFailure(null);
    // Not aborted in flight: a newer search only makes this answer stale, and it is then dropped.
    const result = await searchAuditLog(filters, page, PAGE_SIZE);
    if (controller.signal.aborted) return;
    setLoading(false);
    if (result.ok && result.status === 200 && isPage(result.body)) {
      const pages = Math.max(1, Math.ceil(result.body.total / PAGE_SIZE));
      setShown({ filters, page, rows: result.body.rows, total: result.body.total });
      setAnnouncement(result.body.total === 0 ? "No audit events match." : `${result.body.total} audit events. Page ${page} of ${pages}.`);
      return;
    }
    setAnnouncement("");
    setFailure(failureMessage(asFailure(result), "found"));
  }

  useEffect(() => () => controllerRef.current?.abort(), []);

  useEffect(() => {
    const pressed = pagedWith.current;
    pagedWith.current = null;
    if (!pressed) return;
    const [same, other] = pressed === "prev" ? [prevRef.current, nextRef.current] : [nextRef.current, prevRef.current];
    (same && !same.disabled ? same : other)?.focus();
  }, [shown]);

  function turnPage(direction: "prev" | "next") {
    pagedWith.current = direction;
    void load(shown.filters, shown.page + (direction === "prev" ? -1 : 1));
  }

  const pages = Math.max(1, Math.ceil(shown.total / PAGE_SIZE));
  const first = shown.rows.length > 0 ? (shown.page - 1) * PAGE_SIZE + 1 : 0;
  const last = first + shown.rows.length - 1;
  const errorText = (name: keyof TAuditFilters) => errors[name]?.message;

  return (
    <>
      <section className="card" aria-labelledby="audit-filter-heading">
        <h2 id="audit-filter-heading">Filter</h2>
        <form method="post" noValidate onSubmit={(event) => void handleSubmit((filters) => load(filters, 1))(event)}>
          <div className="audit-filters">
            <div className="patient-field">
              <label htmlFor="audit-actor">Who</label>
              <select id="audit-actor" {...register("actorId")}>
                <option value="">Anyone</option>
                {actors.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.email})
                  </option>
                ))}
              </select>
            </div>
            <div className="patient-field">
              <label htmlFor="audit-action">Action</label>
              <select id="audit-action" {...register("action")}>
                <option value="">Any action</option>
                <optgroup label="Kinds of action">
                  {prefixes.map((prefix) => (
                    <option key={prefix} value={prefix}>
                      {auditActionOptionLabel(prefix)}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Actions">
                  {byLabel.map((a) => (
                    <option key={a} value={a}>
                      {auditActionLabel(a)}
                    </option>
                  ))}
                </optgroup>
              </select>
            </div>
            <div className="patient-field">
              <label htmlFor="audit-patient">Patient MRN or id</label>
              <input
                id="audit-patient"
                type="text"
                autoComplete="off"
                spellCheck={false}
                aria-invalid={errorText("patient") ? true : undefined}
                aria-describedby={describedBy("audit-patient-hint", errorText("patient") && "audit-patient-error")}
                {...register("patient")}
              />
              <p className="hint" id="audit-patient-hint">
                Events about one patient.
              </p>
              <FieldError id="audit-patient-error" message={errorText("patient")} />
            </div>
            <div className="patient-field">
              <label htmlFor="audit-from">From</label>
              <FormDayInput
                name="from"
                control={control}
                id="audit-from"
                placeholder={DATE_FORMAT_EXAMPLES[clinicDateFormat()]}
                aria-invalid={errorText("from") ? true : undefined}
                aria-describedby={describedBy(errorText("from") && "audit-from-error")}
              />
              <FieldError id="audit-from-error" message={errorText("from")} />
            </div>
            <div className="patient-field">
              <label htmlFor="audit-to">To</label>
              <FormDayInput
                name="to"
                control={control}
                id="audit-to"
                placeholder={DATE_FORMAT_EXAMPLES[clinicDateFormat()]}
                aria-invalid={errorText("to") ? true : undefined}
                aria-describedby={describedBy(errorText("to") && "audit-to-error")}
              />
              <FieldError id="audit-to-error" message={errorText("to")} />
            </div>
          </div>
          <div className="step-actions">
            <button type="submit" disabled={!hydrated}>
              Show events
            </button>
            <button
              type="button"
              className="secondary"
              disabled={!hydrated}
              onClick={() => {
                reset(EMPTY);
                void load(EMPTY, 1);
              }}
            >
              Clear filters
            </button>
          </div>
        </form>
      </section>

      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {failure && (
        <div className="alert register-alert" role="alert">
          {failure}
        </div>
      )}
      <section className="card" aria-labelledby="audit-results-heading" aria-busy={loading}>
        <div className="page-actions">
          <h2 id="audit-results-heading">Events</h2>
          <AuditExport filters={shown.filters} total={shown.total} onSent={setAnnouncement} />
        </div>
        {shown.total === 0 && (
          <div className="empty-state">
            <p>No audit events match these filters.</p>
          </div>
        )}
        {shown.rows.length > 0 && <AuditRows rows={shown.rows} names={names} timeZone={timeZone} caption={`Newest first: events ${first} to ${last} of ${shown.total}`} />}
        {shown.total > 0 && (
          <nav className="pager" aria-label="Audit log pages">
            <button type="button" className="secondary" ref={prevRef} disabled={!hydrated || loading || shown.page <= 1} onClick={() => turnPage("prev")}>
              Previous page
            </button>
            <span>
              Page {shown.page} of {pages}
            </span>
            <button type="button" className="secondary" ref={nextRef} disabled={!hydrated || loading || shown.page >= pages} onClick={() => turnPage("next")}>
              Next page
            </button>
          </nav>
        )}
      </section>
    </>
  );
}
