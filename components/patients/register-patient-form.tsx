"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { FormDayInput, dayHint } from "@/components/day-input";
import { PATIENT_SEXES, ZPatientInput, type TLikelyMatch, type TPatientData, type TPatientInput } from "@/lib/contracts/patient";
import type { TApiError } from "@/components/api/client";
import { createdId, existingPatientOf, likelyMatchesOf, registerPatient } from "@/components/api/patients";
import { LikelyMatches } from "./likely-matches";

type TFieldName = Exclude<keyof TPatientInput, "confirmDistinct">;

/** Form order: errors are summarised and focused in this order. */
const FIELD_ORDER: readonly TFieldName[] = ["mrn", "givenName", "familyName", "birthDate", "sex"];
const FIELD_LABELS: Record<TFieldName, string> = {
  mrn: "MRN",
  givenName: "Given name",
  familyName: "Family name",
  birthDate: "Date of birth",
  sex: "Sex",
};

const fieldId = (name: TFieldName) => `register-${name}`;
const errorId = (name: TFieldName) => `register-${name}-error`;
const isField = (name: string): name is TFieldName => (FIELD_ORDER as readonly string[]).includes(name);

export function RegisterPatientForm() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ id: string; mrn: string } | null>(null);
  // A likely duplicate: the matches shown, and the data that was sent (registered as is on confirmation).
  const [held, setHeld] = useState<{ matches: TLikelyMatch[]; data: TPatientData } | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors },
  } = useForm<TPatientInput, unknown, TPatientData>({
    resolver: zodResolver(ZPatientInput),
    defaultValues: { mrn: "", givenName: "", familyName: "", birthDate: "" },
    shouldFocusError: false,
  });

  const invalid = FIELD_ORDER.filter((name) => errors[name]);

  function focusFirst(names: readonly TFieldName[]) {
    const first = FIELD_ORDER.find((name) => names.includes(name));
    if (first) setFocus(first);
  }

  // A conflict or a failure is announced and focused once it is on screen, so the link in it is one Tab away.
  useEffect(() => {
    if (conflict || failure || held) alertRef.current?.focus();
  }, [conflict, failure, held]);

  function onInvalid(fieldErrors: FieldErrors<TPatientInput>) {
    setFailure(null);
    setConflict(null);
    setHeld(null);
    focusFirst(FIELD_ORDER.filter((name) => fieldErrors[name]));
  }

  async function onValid(data: TPatientData) {
    setPending(true);
    setFailure(null);
    setConflict(null);
    setHeld(null);
    const result = await registerPatient(data);
    const id = createdId(result);
    if (id) {
      // Stay disabled until the patient page replaces this one: a second click must not register twice.
      router.push(`/patients/${id}`);
      return;
    }
    setPending(false);
    if (result.status === 0) {
      setFailure("Backline could not be reached. Check the connection and try again; nothing was registered.");
      return;
    }
    const error: TApiError = result.ok ? {} : result.error;
    const existing = existingPatientOf(error);
    if (result.status === 409 && existing) {
      // The server leaves the MRN out of its error; the one shown is the one just sent.
      setConflict({ id: existing.id, mrn: data.mrn });
      setError("mrn", { type: "server", message: `MRN ${data.mrn} belongs to an existing patient` });
      return;
    }
    const matches = likelyMatchesOf(error);
    if (result.status === 409 && matches) {
      setHeld({ matches, data: { ...data, confirmDistinct: undefined } });
      return;
    }
    const fieldErrors = (error.fields ?? []).filter((f) => isField(f.field));
    if (result.status === 400 && fieldErrors.length > 0) {
      for (const f of fieldErrors) setError(f.field as TFieldName, { type: "server", message: f.message });
      focusFirst(fieldErrors.map((f) => f.field as TFieldName));
      return;
    }
    if (result.status === 401) setFailure("Your session has ended. Sign in again, then register the patient.");
    else if (result.status === 403) setFailure("Your role does not allow registering patients.");
    else setFailure(error.message ?? "The patient could not be registered. Try again.");
  }

  return (
    <form
      onSubmit={(event) => void handleSubmit(onValid, onInvalid)(event)}
      // The matches were for what was sent: a change to the form asks the server again.
      onChange={() => held && !pending && setHeld(null)}
      noValidate
      aria-labelledby="register-heading"
    >
      {conflict && (
        <div className="alert register-alert" role="alert" tabIndex={-1} ref={alertRef} id="register-conflict">
          <p className="alert-text">A patient with MRN {conflict.mrn} is already registered.</p>
          <Link href={`/patients/${conflict.id}`}>Open the existing record</Link>
        </div>
      )}
      {held && (
        <LikelyMatches
          matches={held.matches}
          pending={pending}
          alertRef={alertRef}
          onConfirm={() => void onValid({ ...held.data, confirmDistinct: true })}
        />
      )}
      {failure && (
        <div className="alert register-alert" role="alert" tabIndex={-1} ref={alertRef}>
          {failure}
        </div>
      )}
      {!conflict && invalid.length > 0 && (
        <div className="alert register-alert register-summary" aria-labelledby="register-summary-heading">
          <h3 id="register-summary-heading">
            {invalid.length === 1 ? "There is 1 problem" : `There are ${invalid.length} problems`} with the registration
          </h3>
          <ul>
            {invalid.map((name) => (
              <li key={name}>
                <a
                  href={`#${fieldId(name)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    setFocus(name);
                  }}
                >
                  {FIELD_LABELS[name]}: {errors[name]?.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted">All fields are required.</p>
      <div className="form-grid">
        <TextField name="mrn" hint="As on the patient's record: 3 to 32 letters, digits or hyphens." register={register} errors={errors} />
        <TextField name="givenName" register={register} errors={errors} />
        <TextField name="familyName" register={register} errors={errors} />
        <BirthDateField control={control} errors={errors} />
        <div className="patient-field">
          <label htmlFor={fieldId("sex")}>{FIELD_LABELS.sex}</label>
          <select
            id={fieldId("sex")}
            required
            aria-invalid={errors.sex ? true : undefined}
            aria-describedby={errors.sex ? errorId("sex") : undefined}
            defaultValue=""
            {...register("sex")}
          >
            <option value="" disabled>
              Choose…
            </option>
            {PATIENT_SEXES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          <FieldError name="sex" message={errors.sex?.message} />
        </div>
      </div>
      <button type="submit" disabled={pending}>
        {pending ? "Registering…" : "Register patient"}
      </button>
    </form>
  );
}

function FieldError({ name, message }: { name: TFieldName; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="patient-field-error" id={errorId(name)}>
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

/** The date of birth, typed in the clinic's format or ISO (components/day-input.tsx). */
function BirthDateField({ control, errors }: { control: Control<TPatientInput, unknown, TPatientData>; errors: FieldErrors<TPatientInput> }) {
  const name = "birthDate";
  const message = errors[name]?.message;
  const hintId = `${fieldId(name)}-hint`;
  return (
    <div className="patient-field">
      <label htmlFor={fieldId(name)}>{FIELD_LABELS[name]}</label>
      <FormDayInput
        name={name}
        control={control}
        id={fieldId(name)}
        required
        aria-invalid={message ? true : undefined}
        aria-describedby={[hintId, message ? errorId(name) : undefined].filter(Boolean).join(" ")}
      />
      <p className="hint" id={hintId}>
        {dayHint()}
      </p>
      <FieldError name={name} message={message} />
    </div>
  );
}

function TextField({
  name,
  hint,
  register,
  errors,
}: {
  name: Exclude<TFieldName, "sex" | "birthDate">;
  hint?: string;
  register: UseFormRegister<TPatientInput>;
  errors: FieldErrors<TPatientInput>;
}) {
  const message = errors[name]?.message;
  const hintId = hint ? `${fieldId(name)}-hint` : undefined;
  const describedBy = [hintId, message ? errorId(name) : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="patient-field">
      <label htmlFor={fieldId(name)}>{FIELD_LABELS[name]}</label>
      <input
        id={fieldId(name)}
        type="text"
        autoComplete="off"
        spellCheck={false}
        required
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy}
        {...register(name)}
      />
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldError name={name} message={message} />
    </div>
  );
}
