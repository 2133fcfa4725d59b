"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { PASSWORD_MIN_LENGTH } from "@/lib/contracts/password-policy";
import { ROLE_LABELS, ROLES } from "@/lib/contracts/roles";
import { ZUserCreate, type TUserCreate, type TUserCreateInput } from "@/lib/contracts/users";
import { createUser } from "@/components/api/admin";
import { asFailure, failureMessage } from "@/components/api/client";
import { useHydrated } from "@/components/use-hydrated";
import { describedBy, FieldError } from "./form-bits";
import { SetPasswordLinkPanel } from "./set-password-link";

type TField = keyof TUserCreateInput;
const FIELDS: readonly TField[] = ["name", "email", "role", "password"];
const isField = (name: string): name is TField => (FIELDS as readonly string[]).includes(name);
const id = (name: TField) => `new-user-${name}`;
const errorId = (name: TField) => `new-user-${name}-error`;

interface TCreated {
  id: string;
  name: string;
  url: string;
  expiresAt: string;
}

/** A new account: by default the person chooses their own password with a one-time link; or the admin types one. */
export function CreateUserForm({ timeZone }: { timeZone: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [method, setMethod] = useState<"link" | "password">("link");
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<TCreated | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors },
  } = useForm<TUserCreateInput, unknown, TUserCreate>({
    resolver: zodResolver(ZUserCreate),
    defaultValues: { name: "", email: "" },
    // The password field exists only while "I type a password" is chosen; hidden, it is not sent.
    shouldUnregister: true,
  });

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);
  useEffect(() => {
    if (created) doneRef.current?.focus();
  }, [created]);

  async function onValid(data: TUserCreate) {
    setPending(true);
    setFailure(null);
    const result = await createUser(method === "link" ? { ...data, password: undefined } : data);
    const body = result.ok ? result.body : null;
    if (result.status === 201 && body?.user && typeof body.setPasswordUrl === "string" && typeof body.expiresAt === "string") {
      setCreated({ id: body.user.id, name: body.user.name, url: body.setPasswordUrl, expiresAt: body.expiresAt });
      setPending(false);
      router.refresh();
      return;
    }
    if (result.status === 201 && typeof body?.id === "string") {
      router.push(`/admin/users/${body.id}`);
      router.refresh();
      return;
    }
    setPending(false);
    const refused = asFailure(result);
    const fields = (refused.error.fields ?? []).filter((f) => isField(f.field));
    if ((result.status === 400 || result.status === 409) && fields.length > 0) {
      for (const f of fields) setError(f.field as TField, { type: "server", message: f.message });
      setFocus(fields[0]!.field as TField);
      return;
    }
    setFailure(failureMessage(refused, "created"));
  }

  if (created) {
    return (
      <div>
        <h2 tabIndex={-1} ref={doneRef}>
          Account created for {created.name}
        </h2>
        <SetPasswordLinkPanel name={created.name} url={created.url} expiresAt={created.expiresAt} timeZone={timeZone} />
        <p className="page-actions">
          <Link href={`/admin/users/${created.id}`}>Open the account of {created.name}</Link>
          <Link href="/admin">Back to user accounts</Link>
        </p>
      </div>
    );
  }

  return (
    <form method="post" onSubmit={(event) => void handleSubmit(onValid)(event)} noValidate aria-labelledby="new-user-heading">
      {failure && (
        <div className="alert register-alert" role="alert" tabIndex={-1} ref={alertRef}>
          {failure}
        </div>
      )}
      <p className="muted">All fields are required.</p>
      <div className="form-grid">
        <div className="patient-field">
          <label htmlFor={id("name")}>Full name</label>
          <input id={id("name")} type="text" autoComplete="off" aria-invalid={errors.name ? true : undefined} aria-describedby={describedBy(errors.name && errorId("name"))} {...register("name")} />
          <FieldError id={errorId("name")} message={errors.name?.message} />
        </div>
        <div className="patient-field">
          <label htmlFor={id("email")}>Email</label>
          <input id={id("email")} type="email" autoComplete="off" spellCheck={false} aria-invalid={errors.email ? true : undefined} aria-describedby={describedBy(errors.email && errorId("email"))} {...register("email")} />
          <FieldError id={errorId("email")} message={errors.email?.message} />
        </div>
        <div className="patient-field">
          <label htmlFor={id("role")}>Role</label>
          <select id={id("role")} defaultValue="" aria-invalid={errors.role ? true : undefined} aria-describedby={describedBy(errors.role && errorId("role"))} {...register("role")}>
            <option value="" disabled>
              Choose…
            </option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
          <FieldError id={errorId("role")} message={errors.role ? "Choose a role" : undefined} />
        </div>
      </div>
      <fieldset className="password-method">
        <legend>Their first password</legend>
        <label className="choice">
          <input type="radio" name="password-method" value="link" checked={method === "link"} onChange={() => setMethod("link")} />
          They choose it with a one-time link (recommended)
        </label>
        <label className="choice">
          <input type="radio" name="password-method" value="password" checked={method === "password"} onChange={() => setMethod("password")} />I type a first password for them
        </label>
      </fieldset>
      {method === "password" && (
        <div className="patient-field">
          <label htmlFor={id("password")}>Initial password</label>
          <input
            id={id("password")}
            type="password"
            autoComplete="new-password"
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={describedBy("new-user-password-hint", errors.password && errorId("password"))}
            {...register("password")}
          />
          <p className="hint" id="new-user-password-hint">
            At least {PASSWORD_MIN_LENGTH} characters; a few unrelated words make a strong one. Pass it on in person.
          </p>
          <FieldError id={errorId("password")} message={errors.password?.message} />
        </div>
      )}
      <button type="submit" disabled={!hydrated || pending}>
        {pending ? "Creating…" : method === "link" ? "Create account and link" : "Create account"}
      </button>
    </form>
  );
}
