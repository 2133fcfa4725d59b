"use client";

// Once signed, the record is locked: later remarks are addenda, listed with author and time.
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { formatDateTime } from "@/lib/contracts/format";
import { ZAddendum } from "@/lib/contracts/visit";
import type { TVisitDto } from "@/lib/contracts/wire/visit";

type TAddendumInput = z.input<typeof ZAddendum>;

export function Addenda({
  visit,
  timeZone,
  canAdd,
  ready,
  onAdd,
}: {
  visit: TVisitDto;
  timeZone: string;
  canAdd: boolean;
  ready: boolean;
  /** resolves to true once it is saved (the box is then cleared) */
  onAdd: (data: TAddendumInput) => Promise<boolean>;
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
            if (await onAdd(data)) reset({ text: "" });
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
