"use client";

// A calendar day typed as text, in the clinic's format or ISO ("6 Dec 2026", "2026-12-06"; "06/12/2026" only where
// the clinic writes dates day first). A browser's own date picker shows the browser's locale (mm/dd/yyyy on an
// American build), which is the ambiguity the clinic setting removes, so every date field is this one.
// The value is YYYY-MM-DD once the text is a real day, "" when it is empty, and otherwise the text as typed, so the
// form's validation names the field instead of a half-typed date vanishing. On leaving the field a recognised date is
// rewritten in the clinic's format, so the reader sees the day it was read as.
import { useState, type InputHTMLAttributes, type Ref } from "react";
import { Controller, type Control, type FieldPath, type FieldValues } from "react-hook-form";
import { clinicDateFormat, formatDay, parseClinicDay, type TDateFormat } from "@/lib/contracts/format";

type TProps = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type" | "defaultValue"> & {
  /** YYYY-MM-DD, "", or text that is not (yet) a date */
  value: string;
  onValueChange: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
  /** how typed text is read (default: the clinic's format or ISO); the patient's form reads day-first numbers */
  parse?: (text: string) => string | null;
};

/** What the field holds for `text`: the day it names, "", or the text itself. */
export function dayValueOf(text: string, parse: (text: string) => string | null = parseClinicDay): string {
  const t = text.trim();
  return t === "" ? "" : (parse(t) ?? t);
}

/** A patient's typed date: ISO, or day first (21/4/1968, 21-04-1968, 21.4.1968, 21 4 1968), as most of the world writes it. */
export function parseDayFirst(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{1,2})[/.\-\s]+(\d{1,2})[/.\-\s]+(\d{4})$/.exec(t);
  if (!m) return parseClinicDay(t, "yyyy-MM-dd");
  return parseClinicDay(`${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`, "yyyy-MM-dd");
}

const shown = (value: string) => (parseClinicDay(value) ? formatDay(value) : value);

const HINTS: Record<TDateFormat, string> = {
  "d MMM yyyy": "Day, month, year: for example 6 Dec 2026.",
  "dd/MM/yyyy": "Day first: for example 06/12/2026 or 6 Dec 2026.",
  "MM/dd/yyyy": "Month first: for example 12/06/2026 or 6 Dec 2026.",
  "yyyy-MM-dd": "Year first: for example 2026-12-06 or 6 Dec 2026.",
};

/** The hint a date field shows under its label, in the clinic's format. */
export const dayHint = () => HINTS[clinicDateFormat()];

export function DayInput({ value, onValueChange, onBlur, ref, parse = parseClinicDay, ...rest }: TProps) {
  const [text, setText] = useState(() => shown(value));
  const [seen, setSeen] = useState(value);
  // A change from outside (a reset, a loaded draft, Back) replaces the text; what the user is typing stays.
  if (value !== seen) {
    setSeen(value);
    if (dayValueOf(text, parse) !== value) setText(shown(value));
  }
  return (
    <input
      {...rest}
      ref={ref}
      type="text"
      autoComplete="off"
      spellCheck={false}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const next = dayValueOf(e.target.value, parse);
        setSeen(next);
        onValueChange(next);
      }}
      onBlur={(e) => {
        const day = parse(text.trim());
        if (day) setText(formatDay(day));
        onBlur?.(e);
      }}
    />
  );
}

/** A DayInput bound to a react-hook-form field (the register form's birth date, the audit log's days). */
export function FormDayInput<T extends FieldValues, TOut>({
  name,
  control,
  ...rest
}: Omit<TProps, "value" | "onValueChange" | "onBlur" | "ref" | "name"> & { name: FieldPath<T>; control: Control<T, unknown, TOut> }) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <DayInput
          {...rest}
          name={field.name}
          ref={field.ref}
          value={(field.value as string | undefined) ?? ""}
          onValueChange={field.onChange}
          onBlur={field.onBlur}
        />
      )}
    />
  );
}
