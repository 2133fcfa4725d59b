"use client";

// The patient's own intake (issue 19), on a phone, a clinic tablet or any browser: choose the language, confirm
// the date of birth, answer one part at a time (autosaved), finish. Every string comes from the message catalogue
// of the chosen language (next-intl); the questions' ids stay the contract underneath.
import { NextIntlClientProvider, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { LANGUAGE_NAMES, SELF_INTAKE_LANGUAGES, type TSelfIntakeLanguage } from "@/lib/contracts/self-intake";
import type { TMessages } from "@/lib/i18n/patient-messages";
import { openSelfIntake } from "@/components/api/self-intake";
import { PatientForm } from "./patient-form";

type TStage = "language" | "confirm" | "form" | "done" | "gone";

export function PatientIntake(props: { token: string; resumed: boolean; initialLanguage: TSelfIntakeLanguage; messages: Record<TSelfIntakeLanguage, TMessages> }) {
  const [language, setLanguage] = useState<TSelfIntakeLanguage>(props.initialLanguage);
  const [stage, setStage] = useState<TStage>(props.resumed ? "form" : "language");
  return (
    <NextIntlClientProvider locale={language} messages={props.messages[language]} timeZone="UTC">
      <main id="main" className="patient-page" lang={language}>
        {stage === "language" && <LanguageStep language={language} messages={props.messages} onChoose={(l) => { setLanguage(l); setStage("confirm"); }} />}
        {stage === "confirm" && <ConfirmStep token={props.token} language={language} onOpened={() => setStage("form")} onGone={() => setStage("gone")} />}
        {stage === "form" && <PatientForm language={language} onDone={() => setStage("done")} onGone={() => setStage("gone")} />}
        {stage === "done" && <Message kind="done" />}
        {stage === "gone" && <Message kind="gone" />}
      </main>
    </NextIntlClientProvider>
  );
}

/** A message of one language's catalogue, outside that language's provider (the first screen shows both). */
function word(messages: TMessages, path: string): string {
  const found = path.split(".").reduce<string | TMessages | undefined>((node, key) => (typeof node === "object" ? node[key] : undefined), messages);
  return typeof found === "string" ? found : path;
}

function LanguageStep({ language, messages, onChoose }: { language: TSelfIntakeLanguage; messages: Record<TSelfIntakeLanguage, TMessages>; onChoose: (l: TSelfIntakeLanguage) => void }) {
  const [chosen, setChosen] = useState(language);
  return (
    <form onSubmit={(e) => { e.preventDefault(); onChoose(chosen); }}>
      {/* Every language's own words at once: the patient cannot read the other one yet. */}
      <fieldset className="field patient-languages">
        <legend>
          <h1>{SELF_INTAKE_LANGUAGES.map((l) => word(messages[l], "ui.language.title")).join(" · ")}</h1>
        </legend>
        {SELF_INTAKE_LANGUAGES.map((l) => (
          <label key={l} className="choice" lang={l}>
            <input type="radio" name="language" value={l} checked={chosen === l} onChange={() => setChosen(l)} />
            <span>{LANGUAGE_NAMES[l]}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" lang={chosen}>{word(messages[chosen], "ui.language.continue")}</button>
    </form>
  );
}

function ConfirmStep({ token, language, onOpened, onGone }: { token: string; language: TSelfIntakeLanguage; onOpened: () => void; onGone: () => void }) {
  const t = useTranslations("ui.confirm");
  const [parts, setParts] = useState({ day: "", month: "", year: "" });
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const [d, m, y] = [Number(parts.day), Number(parts.month), Number(parts.year)];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (!(y >= 1900 && y <= 2100) || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) {
      setError(t("invalid"));
      return;
    }
    setPending(true);
    const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    const result = await openSelfIntake(token, iso, language);
    setPending(false);
    if (result.ok) return onOpened();
    if (result.status === 404) return onGone();
    const left = typeof result.error.triesLeft === "number" ? result.error.triesLeft : 0;
    setError(result.status === 400 && result.error.fields?.some((f) => f.field === "birthDate") ? t("wrong", { left }) : t("invalid"));
  }

  return (
    <form onSubmit={submit} noValidate>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <fieldset className="field patient-date" aria-describedby={["birth-hint", error ? "birth-error" : ""].filter(Boolean).join(" ")}>
        <legend>{t("birthDate")}</legend>
        <p id="birth-hint" className="field-help">{t("birthDateHint")}</p>
        {(["day", "month", "year"] as const).map((part) => (
          <span key={part} className={`patient-date-part patient-date-${part}`}>
            <label htmlFor={`birth-${part}`}>{t(part)}</label>
            <input
              id={`birth-${part}`}
              inputMode="numeric"
              autoComplete={part === "day" ? "bday-day" : part === "month" ? "bday-month" : "bday-year"}
              maxLength={part === "year" ? 4 : 2}
              value={parts[part]}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setParts({ ...parts, [part]: e.target.value.replace(/\D/g, "") })}
            />
          </span>
        ))}
        {error && <p id="birth-error" className="field-error" role="alert">{error}</p>}
      </fieldset>
      <button type="submit" disabled={pending}>{t("submit")}</button>
    </form>
  );
}

function Message({ kind }: { kind: "done" | "gone" }) {
  const t = useTranslations(`ui.${kind}`);
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
    </>
  );
}
