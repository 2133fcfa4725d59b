"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";

/** One message for every failure: it must not tell which part (email, password, account) was wrong. */
export const SIGN_IN_FAILED = "Sign-in failed: the email or password is not correct.";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setError(result?.status && result.status >= 500 ? "Sign-in is unavailable right now. Try again shortly." : SIGN_IN_FAILED);
    } catch {
      setError("Sign-in is unavailable right now. Try again shortly.");
    }
    setPending(false);
    requestAnimationFrame(() => errorRef.current?.focus());
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
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
