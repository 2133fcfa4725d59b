"use client";

// Accept the imaging suggestion, or override it with another modality and a coded reason (words required for
// "other"); an optional clinical note either way.
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import type { Modality } from "@/lib/clinical/types";
import { MODALITY_LABELS } from "@/lib/contracts/labels";
import { OVERRIDE_REASONS, ZDecision } from "@/lib/contracts/visit";
import type { TVisitDto } from "@/lib/contracts/wire/visit";
import { blankToUndefined } from "./form-values";

type TDecisionInput = z.input<typeof ZDecision>;
type TDecisionData = z.output<typeof ZDecision>;

export function DecisionForm({
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
