"use client";

// On every signed-in page of a clinician (and of staff, for the visits they submitted): the alerts nobody has
// taken yet, with "I'm on it" and a link to the visit. A new alert also shows in the tab title, plays a sound
// (which can be muted; the setting is kept) and, if the user allowed them, shows a browser notification.
// Notifications carry no patient data: they only say to open Backline.
import Link from "next/link";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useAcknowledge } from "../api/review";
import { fullName } from "@/lib/contracts/format";
import { alertHeadline, alertStateText, isEscalated } from "./alert-words";
import { refreshPinned, useNow, usePinned } from "./pinned-store";

const SOUND_KEY = "backline.alertSound";

function useStored(key: string, fallback: string): [string, (v: string) => void] {
  const value = useSyncExternalStore(
    (tick) => {
      window.addEventListener("storage", tick);
      return () => window.removeEventListener("storage", tick);
    },
    () => window.localStorage.getItem(key) ?? fallback,
    () => fallback,
  );
  const [, force] = useState(0);
  return [
    value,
    (v) => {
      window.localStorage.setItem(key, v);
      force((n) => n + 1);
    },
  ];
}

/** Two short tones, made in the browser (no sound file to load). */
function chime() {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    for (const [i, freq] of [880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.2, ctx.currentTime + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.25 + 0.22);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.25);
      osc.stop(ctx.currentTime + i * 0.25 + 0.25);
    }
    setTimeout(() => void ctx.close(), 1000);
  } catch {
    // No audio output: the banner and the title still show the alert.
  }
}

/** Keep "(2) " in front of the tab title while alerts are open, across navigations (Next sets the title). */
function useTitleCount(count: number) {
  useEffect(() => {
    const strip = (t: string) => t.replace(/^\(\d+\) /, "");
    const apply = () => {
      const want = count > 0 ? `(${count}) ${strip(document.title)}` : strip(document.title);
      if (document.title !== want) document.title = want;
    };
    apply();
    const id = setInterval(apply, 500);
    return () => {
      clearInterval(id);
      document.title = strip(document.title);
    };
  }, [count]);
}

export function AlertBanner({ role, timeZone, concerns }: { role: "STAFF" | "CLINICIAN"; timeZone: string; concerns: Record<string, string> }) {
  const { data, failure } = usePinned();
  const now = useNow();
  const [sound, setSound] = useStored(SOUND_KEY, "on");
  const [asked, setPermission] = useState<string | null>(null);
  const current = useSyncExternalStore(
    () => () => {},
    () => ("Notification" in window ? Notification.permission : "unsupported"),
    () => "unsupported",
  );
  const permission = asked ?? current;
  const { failure: message, acknowledge } = useAcknowledge(() => refreshPinned(0));
  const known = useRef<Set<string> | null>(null);
  const open = (data?.rows ?? []).filter((r) => r.alert && !r.alert.acknowledgedAt);
  const clinician = role === "CLINICIAN";

  useTitleCount(open.length);

  // A new alert (not one already open when the page loaded): sound and notification.
  useEffect(() => {
    if (!data) return;
    const ids = new Set(open.map((r) => r.alert!.id));
    if (known.current) {
      const fresh = [...ids].filter((id) => !known.current!.has(id));
      if (fresh.length > 0) {
        if (sound === "on") chime();
        if ("Notification" in window && Notification.permission === "granted") {
          new Notification("Backline: a new alert", { body: "Open Backline to see it.", tag: `backline-alert-${fresh[0]}` });
        }
      }
    }
    known.current = ids;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);

  if (open.length === 0 && !failure) return null;
  return (
    <section className="alert-banner no-print" aria-labelledby="alert-banner-title">
      <div className="alert-banner-head">
        <h2 id="alert-banner-title">
          {open.length === 0 ? "Alerts" : open.length === 1 ? "1 alert needs a clinician" : `${open.length} alerts need a clinician`}
        </h2>
        <div className="alert-banner-settings">
          <button type="button" className="secondary" aria-pressed={sound === "off"} onClick={() => setSound(sound === "on" ? "off" : "on")}>
            {sound === "on" ? "Mute alert sound" : "Alert sound muted: turn on"}
          </button>
          {permission === "default" && (
            <button
              type="button"
              className="secondary"
              onClick={() => void Notification.requestPermission().then((p) => setPermission(p))}
            >
              Allow desktop notifications
            </button>
          )}
        </div>
      </div>
      {failure && <p className="field-error">{failure}</p>}
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
      <ul aria-live="assertive" className="alert-banner-list">
        {open.map((row) => {
          const escalated = isEscalated(row.alert!, now);
          return (
            <li key={row.alert!.id} className={escalated ? "alert-item escalated" : "alert-item"}>
              <strong>{alertHeadline(row, concerns)}</strong>: {fullName(row.patient)}
              {row.patient.ageYears !== null ? `, ${row.patient.ageYears}` : ""}.{" "}
              <span className={escalated ? "escalation" : "muted"}>{alertStateText(row.alert!, now, timeZone)}</span>{" "}
              {clinician ? (
                <>
                  <button type="button" className="primary" onClick={() => void acknowledge(row.visitId)}>
                    I&apos;m on it
                  </button>{" "}
                  <Link className="button-link" href={`/review/${row.visitId}`}>
                    Open the visit
                  </Link>
                </>
              ) : (
                <Link className="button-link" href={`/visits/${row.visitId}`}>
                  Open the result
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
