"use client";

// The doctor's side of a review: accept the imaging suggestion or override it with a coded reason, sign,
// and, once signed, add addenda. Every call carries the version the doctor was looking at; if someone else
// acted first the API answers 409, the page says so plainly and reloads the current state, and nothing is
// overwritten. A provisional result (safety answers blank, DATA-01) is completed with the answers first
// ("Complete missing answers" on the page); it is signed as provisional only when the doctor confirms the answers
// truly cannot be obtained and gives a coded reason. The server refuses the signature without both.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useForm, useWatch } from "react-hook-form";
import { MODALITY_LABELS } from "@/lib/contracts/labels";
import { formatDateTime } from "@/components/patients/format";
import type { Modality } from "@/lib/clinical/types";
import { blankReasonText } from "@/lib/contracts/blank-reasons";
import { BLANK_REASONS, OVERRIDE_REASONS, ZAddendum, ZDecision, ZSign, type TBlankReasonCode } from "@/lib/contracts/visit";
import type { TVisitDto } from "@/lib/contracts/wire/visit";
import { z } from "zod";

type TDecisionInput = z.input<typeof ZDecision>;
type TDecisionData = z.output<typeof ZDecision>;
type TAddendumInput = z.input<typeof ZAddendum>;
type TSignInput = z.input<typeof ZSign>;
type TSignData = z.output<typeof ZSign>;

interface TApiError {
  code?: string;
  message?: string;
  fields?: { field: string; message: string }[];
  current?: { version: number; status: string };
}

const noSubscription = () => () => {};
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const REASON_LABELS = Object.fromEntries(OVERRIDE_REASONS.map((r) => [r.value, r.label])) as Record<string, string>;

type TPostResult = { ok: true; body: unknown } | { ok: false; status: number; error: TApiError };

async function post(url: string, body: unknown): Promise<TPostResult> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
    });
    const json = (await response.json().catch(() => null)) as { error?: TApiError } | null;
    if (response.ok) return { ok: true, body: json };
    return { ok: false, status: response.status, error: json?.error ?? {} };
  } catch {
    return { ok: false, status: 0, error: { message: "Backline could not be reached. Check the connection and try again." } };
  }
}

/** Words for a failed call; a 409 also tells what the visit is now. */
function failureText(status: number, error: TApiError): string {
  if (status === 409) {
    const now = error.current ? ` It is now at version ${error.current.version} (${error.current.status.toLowerCase()}).` : "";
    return `Another clinician changed this visit after you opened it, so your action was not saved.${now} The page now shows the current state: check it before acting again.`;
  }
  if (status === 401) return "Your session has ended. Sign in again; nothing was saved.";
  if (status === 403) return "Your role does not allow this action.";
  return error.message ?? "That did not work. Try again.";
}

export function DecisionPanel({
  visit,
  unanswered,
  canDecide,
  timeZone,
}: {
  visit: TVisitDto;
  /** the safety questions a provisional result is missing (lib/clinical's unansweredSafetyQuestions) */
  unanswered: readonly { id: string; label: string }[];
  canDecide: boolean;
  timeZone: string;
}) {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [editing, setEditing] = useState(visit.decision === null);
  const [pending, setPending] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);
  const suggested = visit.evaluation?.imaging.modality ?? "none";

  // A fresh version from the server (after our action or a refresh) resets the form to the stored state.
  const [seenVersion, setSeenVersion] = useState(visit.version);
  if (seenVersion !== visit.version) {
    setSeenVersion(visit.version);
    setEditing(visit.decision === null && visit.status === "SUBMITTED");
  }

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  async function act(url: string, body: unknown, success: string): Promise<TPostResult> {
    setPending(true);
    setFailure(null);
    setDone(null);
    const result = await post(url, body);
    setPending(false);
    if (result.ok) {
      setDone(success);
      router.refresh();
      return result;
    }
    setFailure(failureText(result.status, result.error));
    if (result.status === 409) router.refresh();
    return result;
  }

  const status = (
    <>
      {failure && (
        <div ref={alertRef} tabIndex={-1} role="alert" className="alert">
          {failure}
        </div>
      )}
      <p role="status" className="visually-hidden">
        {done}
      </p>
    </>
  );

  if (visit.status === "SIGNED") {
    return (
      <section className="card decision" aria-labelledby="decision-title">
        <h2 id="decision-title">Decision and sign-off</h2>
        {status}
        <DecisionSummary visit={visit} timeZone={timeZone} />
        <p>
          <strong>Signed</strong> by {visit.signedBy ?? "unknown"}
          {visit.signedAt ? (
            <>
              {" "}
              on <time dateTime={visit.signedAt}>{formatDateTime(visit.signedAt, timeZone)}</time>
            </>
          ) : null}
          . The signed record is locked; later remarks are addenda.
        </p>
        {visit.provisionalAcknowledged && (
          <p>
            <strong>Signed as provisional</strong>: {visit.signedBy ?? "the signing doctor"} confirmed the blank safety answers could
            not be obtained{visit.provisionalReason ? ` (${blankReasonText(visit.provisionalReason)})` : ""}.
          </p>
        )}
        <Addenda visit={visit} timeZone={timeZone} canAdd={canDecide} ready={ready} act={act} />
      </section>
    );
  }

  return (
    <section className="card decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Decision and sign-off</h2>
      {status}
      {!canDecide ? (
        visit.decision ? <DecisionSummary visit={visit} timeZone={timeZone} /> : <p>No decision yet.</p>
      ) : editing ? (
        <DecisionForm
          key={visit.version}
          visit={visit}
          suggested={suggested}
          ready={ready}
          pending={pending}
          onCancel={visit.decision ? () => setEditing(false) : undefined}
          onSubmit={async (data) => (await act(`/api/v1/visits/${visit.id}/decision`, data, "Decision recorded.")).ok}
        />
      ) : (
        <>
          <DecisionSummary visit={visit} timeZone={timeZone} />
          <SignForm
            key={visit.version}
            visit={visit}
            unanswered={unanswered}
            ready={ready}
            pending={pending}
            onChange={() => setEditing(true)}
            onSign={(data) => act(`/api/v1/visits/${visit.id}/sign`, data, "Visit signed.")}
          />
          <p className="muted">Signing locks the visit. Later remarks can be added as addenda.</p>
        </>
      )}
    </section>
  );
}

/** The sign form of a provisional result: the confirmation and a coded reason (with words for "other"). */
const ZSignProvisional = z
  .object({
    version: z.number(),
    acknowledgeProvisional: z.literal(true, { error: "Tick this box to sign while safety answers are blank; otherwise record the answers first." }),
    provisionalReason: z.object({
      code: z.enum(BLANK_REASONS.map((r) => r.value) as [TBlankReasonCode, ...TBlankReasonCode[]], { error: "Choose why the answers cannot be obtained." }),
      text: z.string().trim().max(500, "Keep the explanation under 500 characters.").optional(),
    }),
  })
  .superRefine((d, ctx) => {
    if (d.provisionalReason.code === "other" && !d.provisionalReason.text) {
      ctx.addIssue({ code: "custom", path: ["provisionalReason", "text"], message: "Say why the answers cannot be obtained." });
    }
  });

/**
 * Sign. For a provisional result the doctor first records the blank answers (the form above it on the page);
 * only when they truly cannot be obtained does the doctor tick the box and choose the reason, and the body then
 * carries both. A refusal from the server (422 on either) is shown on its field.
 */
function SignForm({
  visit,
  unanswered,
  ready,
  pending,
  onChange,
  onSign,
}: {
  visit: TVisitDto;
  unanswered: readonly { id: string; label: string }[];
  ready: boolean;
  pending: boolean;
  onChange: () => void;
  onSign: (data: TSignData) => Promise<TPostResult>;
}) {
  const provisional = unanswered.length > 0;
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<TSignInput, unknown, TSignData>({
    resolver: zodResolver((provisional ? ZSignProvisional : ZSign) as typeof ZSign),
    defaultValues: { version: visit.version, acknowledgeProvisional: false },
  });
  const ackError = errors.acknowledgeProvisional?.message;
  const reasonError = errors.provisionalReason?.code?.message ?? errors.provisionalReason?.message;
  const textError = errors.provisionalReason?.text?.message;
  const code = useWatch({ control, name: "provisionalReason.code" });

  return (
    <form
      noValidate
      onSubmit={handleSubmit(async (data) => {
        const result = await onSign(provisional ? data : { version: data.version });
        if (result.ok) return;
        for (const f of result.error.fields ?? []) {
          if (f.field === "acknowledgeProvisional") setError("acknowledgeProvisional", { message: `This box ${f.message}` });
          if (f.field.startsWith("provisionalReason")) setError("provisionalReason.code", { message: `The reason ${f.message}` });
        }
      })}
    >
      <input type="hidden" {...register("version", { valueAsNumber: true })} />
      {provisional && (
        <fieldset className="field">
          <legend>Safety answers are still blank: {unanswered.map((q) => q.label).join("; ")}</legend>
          <p className="muted">Record them with &ldquo;Complete missing answers&rdquo; on this page. Sign with them blank only if they truly cannot be obtained.</p>
          <label className="choice">
            <input
              type="checkbox"
              aria-invalid={ackError ? true : undefined}
              aria-describedby={ackError ? "acknowledgeProvisional-error" : undefined}
              {...register("acknowledgeProvisional")}
            />{" "}
            These answers cannot be obtained: sign the result as provisional
          </label>
          {ackError && (
            <p id="acknowledgeProvisional-error" className="field-error">
              {ackError}
            </p>
          )}
          <label htmlFor="provisional-reason">Why they cannot be obtained</label>
          <select
            id="provisional-reason"
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? "provisional-reason-error" : undefined}
            {...register("provisionalReason.code", { setValueAs: blankToUndefined })}
          >
            <option value="">Choose a reason</option>
            {BLANK_REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          {reasonError && (
            <p id="provisional-reason-error" className="field-error">
              {reasonError}
            </p>
          )}
          {code === "other" && (
            <>
              <label htmlFor="provisional-reason-text">Explain</label>
              <input
                id="provisional-reason-text"
                type="text"
                aria-invalid={textError ? true : undefined}
                aria-describedby={textError ? "provisional-reason-text-error" : undefined}
                {...register("provisionalReason.text")}
              />
              {textError && (
                <p id="provisional-reason-text-error" className="field-error">
                  {textError}
                </p>
              )}
            </>
          )}
        </fieldset>
      )}
      <p className="actions">
        <button type="submit" className="primary" disabled={!ready || pending}>
          Sign the visit
        </button>{" "}
        <button type="button" className="secondary" disabled={!ready || pending} onClick={onChange}>
          Change the decision
        </button>
      </p>
    </form>
  );
}

function DecisionSummary({ visit, timeZone }: { visit: TVisitDto; timeZone: string }) {
  const d = visit.decision;
  if (!d) return <p>No decision recorded.</p>;
  return (
    <dl className="facts">
      <dt>Decision</dt>
      <dd>
        {d.action === "accept"
          ? `Accepted the suggestion: ${MODALITY_LABELS[d.modality]}`
          : `Overrode the suggestion (${MODALITY_LABELS[visit.evaluation?.imaging.modality ?? "none"]}) with: ${MODALITY_LABELS[d.modality]}`}
      </dd>
      {d.reasonCode && (
        <>
          <dt>Reason</dt>
          <dd>
            {REASON_LABELS[d.reasonCode] ?? d.reasonCode}
            {d.reasonText ? `: ${d.reasonText}` : ""}
          </dd>
        </>
      )}
      {d.note && (
        <>
          <dt>Clinical note</dt>
          <dd className="prewrap">{d.note}</dd>
        </>
      )}
      <dt>Decided by</dt>
      <dd>
        {d.decidedBy}, <time dateTime={d.decidedAt}>{formatDateTime(d.decidedAt, timeZone)}</time>
      </dd>
    </dl>
  );
}

function DecisionForm({
  visit,
  suggested,
  ready,
  pending,
  onCancel,
  onSubmit,
}: {
  visit: TVisitDto;
  suggested: Modality;
  ready: boolean;
  pending: boolean;
  onCancel?: () => void;
  onSubmit: (data: TDecisionData) => Promise<boolean>;
}) {
  const d = visit.decision;
  const {
    register,
    handleSubmit,
    control,
    formState: { errors },
  } = useForm<TDecisionInput, unknown, TDecisionData>({
    resolver: zodResolver(ZDecision),
    defaultValues: {
      version: visit.version,
      action: d?.action ?? "accept",
      modality: d?.action === "override" ? d.modality : undefined,
      reasonCode: d?.reasonCode ?? undefined,
      reasonText: d?.reasonText ?? undefined,
      note: d?.note ?? undefined,
    },
  });
  const action = useWatch({ control, name: "action" });
  const reason = useWatch({ control, name: "reasonCode" });
  const alternatives = (Object.keys(MODALITY_LABELS) as Modality[]).filter((m) => m !== suggested);
  const describe = (name: string, hint?: string) =>
    [errors[name as keyof typeof errors] ? `${name}-error` : null, hint].filter(Boolean).join(" ") || undefined;
  const fieldError = (name: keyof TDecisionInput) =>
    errors[name] ? (
      <p id={`${name}-error`} className="field-error">
        {errors[name]?.message}
      </p>
    ) : null;

  return (
    <form
      noValidate
      onSubmit={handleSubmit(async (data) => {
        // Overrides only: an accepted suggestion carries no modality or reason.
        const body = data.action === "accept" ? { version: data.version, action: data.action, note: data.note } : data;
        await onSubmit(body as TDecisionData);
      })}
    >
      <input type="hidden" {...register("version", { valueAsNumber: true })} />
      <fieldset>
        <legend>Imaging suggestion: {MODALITY_LABELS[suggested]}</legend>
        <label className="choice">
          <input type="radio" value="accept" {...register("action")} /> Accept the suggestion ({MODALITY_LABELS[suggested]})
        </label>
        <label className="choice">
          <input type="radio" value="override" {...register("action")} /> Override it
        </label>
        {fieldError("action")}
      </fieldset>

      {action === "override" && (
        <>
          <div className="field">
            <label htmlFor="modality">Imaging instead</label>
            <select
              id="modality"
              aria-invalid={errors.modality ? true : undefined}
              aria-describedby={describe("modality")}
              {...register("modality", { setValueAs: blankToUndefined })}
            >
              <option value="">Choose…</option>
              {alternatives.map((m) => (
                <option key={m} value={m}>
                  {MODALITY_LABELS[m]}
                </option>
              ))}
            </select>
            {fieldError("modality")}
          </div>
          <fieldset aria-describedby={describe("reasonCode")}>
            <legend>Reason for the override</legend>
            {OVERRIDE_REASONS.map((r) => (
              <label key={r.value} className="choice">
                <input type="radio" value={r.value} {...register("reasonCode", { setValueAs: blankToUndefined })} /> {r.label}
              </label>
            ))}
            {fieldError("reasonCode")}
          </fieldset>
          <div className="field">
            <label htmlFor="reasonText">
              Reason in words{reason === "other" ? " (required for Other)" : " (optional)"}
            </label>
            <textarea
              id="reasonText"
              rows={2}
              maxLength={2000}
              aria-invalid={errors.reasonText ? true : undefined}
              aria-describedby={describe("reasonText")}
              {...register("reasonText", { setValueAs: blankToUndefined })}
            />
            {fieldError("reasonText")}
          </div>
        </>
      )}

      <div className="field">
        <label htmlFor="note">Clinical note (optional)</label>
        <textarea
          id="note"
          rows={3}
          maxLength={4000}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={describe("note")}
          {...register("note", { setValueAs: blankToUndefined })}
        />
        {fieldError("note")}
      </div>
      <p className="actions">
        <button type="submit" className="primary" disabled={!ready || pending}>
          {pending ? "Saving…" : "Record the decision"}
        </button>
        {onCancel && (
          <>
            {" "}
            <button type="button" className="secondary" onClick={onCancel}>
              Cancel
            </button>
          </>
        )}
      </p>
    </form>
  );
}

function Addenda({
  visit,
  timeZone,
  canAdd,
  ready,
  act,
}: {
  visit: TVisitDto;
  timeZone: string;
  canAdd: boolean;
  ready: boolean;
  act: (url: string, body: unknown, success: string) => Promise<TPostResult>;
}) {
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<TAddendumInput>({ resolver: zodResolver(ZAddendum), defaultValues: { text: "" } });
  return (
    <>
      <h3>Addenda</h3>
      {visit.addenda.length === 0 ? (
        <p>No addenda.</p>
      ) : (
        <ol className="addenda">
          {visit.addenda.map((a) => (
            <li key={a.id}>
              <p className="prewrap">{a.text}</p>
              <p className="muted">
                {a.author}, <time dateTime={a.createdAt}>{formatDateTime(a.createdAt, timeZone)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      {canAdd && (
        <form
          noValidate
          onSubmit={handleSubmit(async (data) => {
            if ((await act(`/api/v1/visits/${visit.id}/addenda`, data, "Addendum added.")).ok) reset({ text: "" });
          })}
        >
          <div className="field">
            <label htmlFor="addendum">New addendum</label>
            <textarea
              id="addendum"
              rows={3}
              maxLength={4000}
              aria-invalid={errors.text ? true : undefined}
              aria-describedby={errors.text ? "addendum-error" : undefined}
              {...register("text")}
            />
            {errors.text && (
              <p id="addendum-error" className="field-error">
                {errors.text.message}
              </p>
            )}
          </div>
          <p className="actions">
            <button type="submit" disabled={!ready || isSubmitting}>
              Add the addendum
            </button>
          </p>
        </form>
      )}
    </>
  );
}
