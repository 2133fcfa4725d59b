"use client";
// The one-time link's page: reads the token from the fragment, takes it out of the address bar (and so out of the
// history), asks whose link it is, and lets the person choose a password under the password policy. A link that
// does not work (used, expired, replaced, unknown) gets one plain answer: ask an administrator.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { formatDateTime } from "@/lib/contracts/format";
import { PASSWORD_MIN_LENGTH, passwordProblem } from "@/lib/contracts/password-policy";
import { checkSetPasswordLink, setPasswordWithLink } from "@/components/api/set-password";
import { failureMessage } from "@/components/api/client";
import { describedBy, FieldError } from "@/components/admin/form-bits";

type TState =
  | { kind: "checking" }
  | { kind: "no-token" }
  | { kind: "unusable" }
  | { kind: "failed"; message: string }
  | { kind: "ready"; token: string; name: string; email: string; expiresAt: string }
  | { kind: "done" };

const schemaFor = (account: { name: string; email: string }) =>
  z
    .object({
      password: z.string().superRefine((value, ctx) => {
        const problem = passwordProblem(value, { production: false, ...account });
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
      confirm: z.string(),
    })
    .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same" });
type TForm = { password: string; confirm: string };

export function SetPasswordForm({ timeZone }: { timeZone: string }) {
  const [state, setState] = useState<TState>({ kind: "checking" });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const tokenRef = useRef<string | null>(null);

  useEffect(() => {
    // Kept in a ref: an effect run twice (development) finds the hash already gone.
    tokenRef.current ??= window.location.hash.replace(/^#/, "");
    const token = tokenRef.current;
    // Out of the address bar and the history: the token is a credential until it is used.
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
    // Without a token there is nothing to ask, but the answer still comes as a callback, as a check's would.
    const checked = token ? checkSetPasswordLink(token) : Promise.resolve(null);
    void checked.then((result) => {
      if (!result) return setState({ kind: "no-token" });
      const body = result.ok ? result.body : null;
      if (result.status === 200 && body?.name && body.email && body.expiresAt) setState({ kind: "ready", token, name: body.name, email: body.email, expiresAt: body.expiresAt });
      else if (result.status === 404 || result.status === 400) setState({ kind: "unusable" });
      else setState({ kind: "failed", message: result.ok ? "The link could not be checked." : failureMessage(result, "checked") });
    });
  }, []);

  useEffect(() => {
    if (state.kind !== "checking" && state.kind !== "ready") headingRef.current?.focus();
  }, [state.kind]);

  if (state.kind === "checking") return <p role="status">Checking your link…</p>;
  if (state.kind === "ready") return <ChoosePassword {...state} timeZone={timeZone} onDone={() => setState({ kind: "done" })} onUnusable={() => setState({ kind: "unusable" })} />;
  const [title, text] =
    state.kind === "done"
      ? ["Your password is set", "Sign in with your email and the password you chose."]
      : state.kind === "no-token"
        ? ["Open the whole link", "This page needs the whole link you were given. Open it again, or ask an administrator for a new one."]
        : state.kind === "unusable"
          ? ["This link does not work", "It has been used, has expired or was replaced by a newer one. Ask an administrator for a new link."]
          : ["Something went wrong", state.message];
  return (
    <div className="set-password-outcome">
      <h2 tabIndex={-1} ref={headingRef}>
        {title}
      </h2>
      <p>{text}</p>
      <p>
        <Link href="/signin">Go to sign-in</Link>
      </p>
    </div>
  );
}

function ChoosePassword({
  token,
  name,
  email,
  expiresAt,
  timeZone,
  onDone,
  onUnusable,
}: {
  token: string;
  name: string;
  email: string;
  expiresAt: string;
  timeZone: string;
  onDone: () => void;
  onUnusable: () => void;
}) {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors },
  } = useForm<TForm>({ resolver: zodResolver(schemaFor({ name, email })), defaultValues: { password: "", confirm: "" } });

  async function onValid(data: TForm) {
    setPending(true);
    setFailure(null);
    const result = await setPasswordWithLink(token, data.password);
    setPending(false);
    if (result.ok) return onDone();
    if (result.status === 404) return onUnusable();
    const field = result.error.fields?.find((f) => f.field === "password");
    if (field) {
      setError("password", { type: "server", message: field.message });
      setFocus("password");
      return;
    }
    setFailure(failureMessage(result, "saved"));
  }

  return (
    <form method="post" noValidate onSubmit={(event) => void handleSubmit(onValid)(event)}>
      <p>
        For {name} ({email}). This link works once, until <time dateTime={expiresAt}>{formatDateTime(expiresAt, timeZone)}</time>.
      </p>
      {failure && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
      {/* For password managers: the account the password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="patient-field">
        <label htmlFor="set-password">New password</label>
        <input
          id="set-password"
          type="password"
          autoComplete="new-password"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describedBy("set-password-hint", errors.password && "set-password-error")}
          {...register("password")}
        />
        <p className="hint" id="set-password-hint">
          At least {PASSWORD_MIN_LENGTH} characters; a few unrelated words make a strong one.
        </p>
        <FieldError id="set-password-error" message={errors.password?.message} />
      </div>
      <div className="patient-field">
        <label htmlFor="set-password-confirm">The same password again</label>
        <input
          id="set-password-confirm"
          type="password"
          autoComplete="new-password"
          aria-invalid={errors.confirm ? true : undefined}
          aria-describedby={describedBy(errors.confirm && "set-password-confirm-error")}
          {...register("confirm")}
        />
        <FieldError id="set-password-confirm-error" message={errors.confirm?.message} />
      </div>
      <button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set my password"}
      </button>
    </form>
  );
}
