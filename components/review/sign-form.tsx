"use client";

// Signing a visit, with the confirmation and coded reason a provisional result (DATA-01) needs.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import type { TApiResult } from "@/components/api/client";
import { BLANK_REASONS, ZSign, type TBlankReasonCode } from "@/lib/contracts/visit";
import type { TVisitDto } from "@/lib/contracts/wire/visit";
import { blankToUndefined } from "./form-values";
import { SignConfirm, type TSignMode } from "./review-sign-confirm";

type TSignInput = z.input<typeof ZSign>;
type TSignData = z.output<typeof ZSign>;

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
 * Sign, or sign and open the next unsigned visit, each after one confirmation of what signing locks (a cancel
 * changes nothing). For a provisional result the doctor first records the blank answers (the form above it on the page);
 * only when they truly cannot be obtained does the doctor tick the box and choose the reason, and the body then
 * carries both. A refusal from the server (422 on either) is shown on its field.
 */
export function SignForm({
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
  onSign: (data: TSignData, mode: TSignMode) => Promise<TApiResult<unknown>>;
}) {
  const [confirming, setConfirming] = useState<{ mode: TSignMode; data: TSignData } | null>(null);
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
      onSubmit={(event) => {
        // Which of the two buttons: "Sign the visit" or "Sign and open next".
        const mode: TSignMode = (event.nativeEvent as SubmitEvent).submitter?.dataset.mode === "next" ? "next" : "sign";
        void handleSubmit((data) => setConfirming({ mode, data: provisional ? data : { version: data.version } }))(event);
      }}
    >
      <SignConfirm
        mode={confirming?.mode ?? null}
        provisional={provisional}
        pending={pending}
        onCancel={() => setConfirming(null)}
        onConfirm={async () => {
          if (!confirming) return;
          // Close first: focus goes back to the form, and a failure's alert can then take it.
          setConfirming(null);
          const result = await onSign(confirming.data, confirming.mode);
          if (result.ok) return;
          for (const f of result.error.fields ?? []) {
            if (f.field === "acknowledgeProvisional") setError("acknowledgeProvisional", { message: `This box ${f.message}` });
            if (f.field.startsWith("provisionalReason")) setError("provisionalReason.code", { message: `The reason ${f.message}` });
          }
        }}
      />
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
        <button type="submit" className="primary" disabled={!ready || pending} data-mode="sign">
          Sign the visit…
        </button>{" "}
        <button type="submit" className="primary" disabled={!ready || pending} data-mode="next">
          Sign and open next…
        </button>{" "}
        <button type="button" className="secondary" disabled={!ready || pending} onClick={onChange}>
          Change the decision
        </button>
      </p>
    </form>
  );
}
