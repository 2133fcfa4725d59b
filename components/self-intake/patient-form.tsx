"use client";

// The patient's questions, one part (a catalogue section) per screen, in the patient's language. The same fields
// and the same per-field validation as the staff form (fieldSchema from lib/clinical), with the messages in the
// patient's words; every change is autosaved. When a saved answer alone makes the result an emergency, the server
// says so (and has already alerted staff): the patient sees at once, in their language, to tell the desk now.
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { SECTIONS } from "@/lib/clinical/catalogue/sections";
import { isQuestionRequired, isQuestionVisible } from "@/lib/clinical/display";
import { fieldSchema } from "@/lib/clinical/schema";
import { PATIENT_QUESTIONS } from "@/lib/clinical/self-intake";
import type { QuestionDef } from "@/lib/clinical/types";
import type { TSelfIntakeLanguage } from "@/lib/contracts/self-intake";
import { finishSelfIntake, loadSelfIntake, saveSelfIntake } from "@/components/api/self-intake";
import { parseDayFirst } from "@/components/day-input";
import { QuestionField, type TAnswerValue, type TFieldWords } from "@/components/intake/question-field";

const PARTS = SECTIONS.map((s) => ({ id: s.id, questions: PATIENT_QUESTIONS.filter((q) => q.section === s.id) })).filter((p) => p.questions.length > 0);
const SAVE_PAUSE_MS = 500;
type TAnswers = Record<string, TAnswerValue>;
type TSave = "idle" | "saving" | "saved" | "offline" | "failed";

/** Only answers that pass their field's validation are saved; the others stay on screen with their message. */
const validAnswers = (answers: TAnswers) =>
  Object.fromEntries(Object.entries(answers).filter(([id, v]) => {
    const q = PATIENT_QUESTIONS.find((x) => x.id === id);
    return q && v !== null && v !== undefined && fieldSchema(q).safeParse(v).success;
  }));

export function PatientForm({ language, onDone, onGone }: { language: TSelfIntakeLanguage; onDone: () => void; onGone: () => void }) {
  const t = useTranslations();
  const [answers, setAnswers] = useState<TAnswers | null>(null);
  const [part, setPart] = useState(0);
  const [save, setSave] = useState<TSave>("idle");
  const [tellDesk, setTellDesk] = useState(false);
  const version = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** answers changed and not sent yet */
  const pending = useRef<TAnswers | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const gone = useRef(onGone);
  useEffect(() => {
    gone.current = onGone;
  });
  useEffect(() => {
    void loadSelfIntake().then((result) => {
      if (!result.ok) return gone.current();
      version.current = result.body.version;
      setAnswers(result.body.answers as TAnswers);
    });
  }, []);

  const words: TFieldWords = useMemo(() => ({
    yes: t("ui.form.yes"),
    no: t("ui.form.no"),
    notAnswered: t("ui.form.notAnswered"),
    required: t("ui.form.required"),
    dayHint: t("ui.form.dayHint"),
    readDay: parseDayFirst,
    diagram: { back: t("ui.form.diagramBack"), front: t("ui.form.diagramFront"), left: t("ui.form.diagramLeft"), right: t("ui.form.diagramRight") },
  }), [t]);

  /** The catalogue question in the patient's language: same id, type, options and limits. */
  const translated = (q: QuestionDef): QuestionDef => {
    const key = `questions.${q.id}`;
    const out = { ...q, label: t(`${key}.label`), help: t.has(`${key}.help`) ? t(`${key}.help`) : undefined } as QuestionDef & { unit?: string };
    if ("unit" in q && t.has(`${key}.unit`)) out.unit = t(`${key}.unit`);
    if ("options" in q) Object.assign(out, { options: q.options.map((o) => ({ value: o.value, label: t(`${key}.options.${o.value}`) })) });
    return out;
  };

  const errorOf = (q: QuestionDef, value: TAnswerValue): string | undefined => {
    if (value === null || value === undefined || value === "") return undefined;
    if (fieldSchema(q).safeParse(value).success) return undefined;
    if (q.type === "integer" || q.type === "number") return t("ui.form.outOfRange", { min: q.min, max: q.max });
    if (q.type === "date") return t("ui.form.notADate");
    if (q.type === "text") return t("ui.form.tooLong");
    return t("ui.form.wrongAnswer");
  };

  async function send(next: TAnswers, finish = false, keepalive = false) {
    pending.current = null;
    // A last save as the page goes away cannot wait for the one in flight.
    if (!keepalive) await inFlight.current;
    setSave("saving");
    const body = { version: version.current, answers: validAnswers(next), language };
    const run = (finish ? finishSelfIntake(body) : saveSelfIntake(body, { keepalive })).then((result) => {
      if (result.ok) {
        version.current = result.body.version;
        if (result.body.tellDeskNow) setTellDesk(true);
        setSave("saved");
        if (finish) onDone();
      } else if (result.status === 404) onGone();
      else setSave(result.status === 0 ? "offline" : "failed");
    });
    inFlight.current = run;
    await run;
  }

  function change(id: string, value: TAnswerValue) {
    const next = { ...answers, [id]: value };
    if (value === null || value === undefined) delete next[id];
    setAnswers(next);
    pending.current = next;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void send(next), SAVE_PAUSE_MS);
  }

  // The patient closes the page, switches app or follows a link within the pause: save what is waiting now, with
  // a request that outlives the page.
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  });
  useEffect(() => {
    const flush = () => {
      if (!pending.current) return;
      if (timer.current) clearTimeout(timer.current);
      void sendRef.current(pending.current, false, true);
    };
    const hidden = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", hidden);
    };
  }, []);

  function go(to: number) {
    setPart(to);
    window.scrollTo({ top: 0 });
    requestAnimationFrame(() => heading.current?.focus());
  }

  async function finish() {
    if (timer.current) clearTimeout(timer.current);
    await send(answers ?? {}, true);
  }

  if (!answers) return <p role="status">{t("ui.form.saving")}</p>;
  const current = PARTS[part]!;
  const last = part === PARTS.length - 1;
  return (
    <div className="patient-form">
      {tellDesk && (
        <div className="alert patient-safety" role="alert">
          <h2>{t("ui.safety.title")}</h2>
          <p>{t("ui.safety.body")}</p>
        </div>
      )}
      <p className="muted">{t("ui.form.step", { current: part + 1, total: PARTS.length })}</p>
      <h1 ref={heading} tabIndex={-1}>{t(`sections.${current.id.replace(".", "")}.title`)}</h1>
      <p className="field-help">{t("ui.form.blankOk")}</p>
      <form onSubmit={(e) => { e.preventDefault(); if (last) void finish(); else go(part + 1); }} noValidate>
        {current.questions.filter((q) => isQuestionVisible(q, answers)).map((q) => {
          const tq = translated(q);
          return (
            <QuestionField
              key={q.id}
              question={tq}
              value={answers[q.id]}
              onChange={(v) => change(q.id, v)}
              onBlur={() => undefined}
              error={errorOf(q, answers[q.id])}
              requiredNow={isQuestionRequired(q, answers)}
              inputRef={() => undefined}
              words={words}
            />
          );
        })}
        {last && <p>{t("ui.form.finishHint")}</p>}
        <div className="step-actions patient-actions">
          {part > 0 && (
            <button type="button" className="secondary" onClick={() => go(part - 1)}>
              {t("ui.form.back")}
            </button>
          )}
          <button type="submit">{last ? t("ui.form.finish") : t("ui.form.next")}</button>
        </div>
      </form>
      <p className="save-state patient-save" role="status" aria-live="polite">
        {save === "saving" ? t("ui.form.saving") : save === "saved" ? t("ui.form.saved") : save === "offline" ? t("ui.form.offline") : save === "failed" ? t("ui.form.saveFailed") : ""}
      </p>
    </div>
  );
}
