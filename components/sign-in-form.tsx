"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { SIGN_IN_ERRORS, SIGN_IN_MESSAGES } from "@/lib/auth/sign-in-errors";

/** One message for every failure: it must not tell which part (email, password, account) was wrong. */
export const SIGN_IN_FAILED = SIGN_IN_MESSAGES[SIGN_IN_ERRORS.invalid]!;
const CODE_FAILED = "Sign-in failed: the email, password or code is not correct.";
const UNAVAILABLE = SIGN_IN_MESSAGES[SIGN_IN_ERRORS.unavailable]!;

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Two-step sign-in: after a right password the server asks for the code, and the form shows its field.
  const [askCode, setAskCode] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    let focus: "error" | "code" = "error";
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        ...(askCode ? { code: String(form.get("code") ?? "") } : {}),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        // Checked again here: the page's check is on the server, and this is where the browser goes.
        router.replace(safeCallbackPath(callbackUrl));
        router.refresh();
        return;
      }
      if (result?.error === SIGN_IN_ERRORS.codeRequired) {
        setAskCode(true);
        setError(SIGN_IN_MESSAGES[SIGN_IN_ERRORS.codeRequired]!);
        focus = "code";
      } else {
        const known = result?.error && Object.hasOwn(SIGN_IN_MESSAGES, result.error) ? SIGN_IN_MESSAGES[result.error] : undefined;
        setError(
          result?.error === SIGN_IN_ERRORS.invalid && askCode
            ? CODE_FAILED
            : (known ?? (result?.status && result.status >= 500 ? UNAVAILABLE : SIGN_IN_FAILED)),
        );
      }
    } catch {
      setError(UNAVAILABLE);
    }
    setPending(false);
    requestAnimationFrame(() => (focus === "code" ? codeRef.current?.focus() : errorRef.current?.focus()));
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby={error ? "signin-error" : undefined}>
      {error && (
        <div id="signin-error" className="alert" role="alert" tabIndex={-1} ref={errorRef}>
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {askCode && (
        <div className="field">
          <label htmlFor="code">Code from your authenticator app (or a recovery code)</label>
          <input id="code" name="code" ref={codeRef} inputMode="text" autoComplete="one-time-code" maxLength={20} required aria-describedby="signin-error" />
        </div>
      )}
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
