"use client";
// Setting up two-step sign-in: the password again, then the QR code (or the key to type), then a code from the
// app to confirm, then the recovery codes, shown once.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { confirmTwoStep, startTwoStep, type TTwoStepSetup } from "@/components/api/account";

export function TwoStepSetup({ required }: { required: boolean }) {
  const router = useRouter();
  const [setup, setSetup] = useState<TTwoStepSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  useEffect(() => {
    if (setup || codes) headingRef.current?.focus();
  }, [setup, codes]);

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setPending(true);
    const result = await startTwoStep(password);
    setPending(false);
    if (result.ok) {
      setError(null);
      setSetup(result.body);
    } else setError({ field: "password", text: result.error.message ?? "That did not work. Try again." });
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    setPending(true);
    const result = await confirmTwoStep(code);
    setPending(false);
    if (result.ok) {
      setError(null);
      setCodes(result.body.recoveryCodes);
    } else setError({ field: "code", text: result.error.message ?? "That did not work. Try again." });
  }

  const errorBox = error && (
    <div className="alert" role="alert" tabIndex={-1} ref={errorRef} id={`${error.field}-error`}>
      {error.text}
    </div>
  );

  if (codes) {
    return (
      <section className="card" aria-labelledby="codes-heading">
        <h2 id="codes-heading" tabIndex={-1} ref={headingRef}>
          Two-step sign-in is on: save your recovery codes
        </h2>
        <p>
          If you lose your phone, each of these codes signs you in once instead of a code from the app. Print them or
          keep them somewhere safe; they are not shown again.
        </p>
        <ul className="recovery-codes" aria-label="Recovery codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => router.replace("/")}>
          I have saved them: continue
        </button>
      </section>
    );
  }

  if (setup) {
    return (
      <section className="card" aria-labelledby="scan-heading">
        <h2 id="scan-heading" tabIndex={-1} ref={headingRef}>
          Scan the code with your authenticator app
        </h2>
        <img
          className="qr"
          src={`data:image/svg+xml;base64,${btoa(setup.qrSvg)}`}
          width={220}
          height={220}
          alt="QR code to add Backline to an authenticator app"
        />
        <p>
          Or type this key into the app: <code aria-label="Setup key">{setup.secret}</code>
        </p>
        <form onSubmit={confirm} noValidate aria-describedby={error ? "code-error" : undefined}>
          {errorBox}
          <div className="field">
            <label htmlFor="code">The 6-digit code the app shows</label>
            <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={7} required />
          </div>
          <button type="submit" disabled={pending}>
            {pending ? "Checking…" : "Turn on two-step sign-in"}
          </button>
        </form>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="start-heading">
      <h2 id="start-heading">Set up two-step sign-in</h2>
      <p>
        {required
          ? "Your role requires it: until it is set up, Backline shows only this page."
          : "Recommended: after your password, Backline will ask for a code from an app on your phone."}{" "}
        You need an authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password).
      </p>
      <form onSubmit={start} noValidate aria-describedby={error ? "password-error" : undefined}>
        {errorBox}
        <div className="field">
          <label htmlFor="password">Your password, to confirm it is you</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Continue"}
        </button>
      </form>
    </section>
  );
}
