"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { PASSWORD_MIN_LENGTH } from "@/lib/contracts/password-policy";
import { ROLE_LABELS, ROLES, type TRole } from "@/lib/contracts/roles";
import { ZPasswordReset, ZUserUpdate, type TPasswordReset, type TUserUpdate } from "@/lib/contracts/users";
import { resetUserPassword, updateUser } from "@/components/api/admin";
import { asFailure, failureMessage } from "@/components/api/client";
import { useHydrated } from "@/components/use-hydrated";
import { describedBy, FieldError } from "./form-bits";

interface TManagedUser {
  id: string;
  name: string;
  role: TRole;
  active: boolean;
}

/** One announcement for the whole page: what the last action did, or why it did not. */
interface TOutcome {
  ok: boolean;
  text: string;
}

export function ManageUser({ user, isSelf }: { user: TManagedUser; isSelf: boolean }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  const [pending, setPending] = useState<"role" | "status" | "password" | null>(null);
  // Deactivation asks first, saying what it does; reactivation does not.
  const [confirmingOff, setConfirmingOff] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const deactivateRef = useRef<HTMLButtonElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  useEffect(() => {
    if (confirmingOff) confirmRef.current?.focus();
  }, [confirmingOff]);

  const roleForm = useForm<TUserUpdate>({ resolver: zodResolver(ZUserUpdate), defaultValues: { role: user.role } });
  const passwordForm = useForm<TPasswordReset>({ resolver: zodResolver(ZPasswordReset), defaultValues: { password: "" } });

  async function changeRole(data: TUserUpdate) {
    setPending("role");
    setOutcome(null);
    const result = await updateUser(user.id, { role: data.role });
    setPending(null);
    if (result.status === 200) {
      setOutcome({ ok: true, text: `${user.name} is now ${ROLE_LABELS[data.role!]}.` });
      router.refresh();
      return;
    }
    const failure = asFailure(result);
    const field = failure.error.fields?.find((f) => f.field === "role");
    if (field) roleForm.setError("role", { type: "server", message: field.message });
    setOutcome({ ok: false, text: failureMessage(failure, "changed") });
  }

  async function setActive(active: boolean) {
    setPending("status");
    setOutcome(null);
    const result = await updateUser(user.id, { active });
    setPending(null);
    setConfirmingOff(false);
    if (result.status === 200) {
      setOutcome({
        ok: true,
        text: active
          ? `${user.name} can sign in again (sessions open before the deactivation stay closed).`
          : `${user.name} is deactivated: they cannot sign in, and their open sessions have ended.`,
      });
      router.refresh();
      return;
    }
    setOutcome({ ok: false, text: failureMessage(asFailure(result), "changed") });
  }

  async function resetPassword(data: TPasswordReset) {
    setPending("password");
    setOutcome(null);
    const result = await resetUserPassword(user.id, data);
    setPending(null);
    if (result.status === 200) {
      passwordForm.reset({ password: "" });
      if (isSelf) {
        router.push("/signin");
        return;
      }
      setOutcome({ ok: true, text: `The password of ${user.name} is changed and their open sessions have ended. Pass the new password on in person.` });
      router.refresh();
      return;
    }
    const failure = asFailure(result);
    const field = failure.error.fields?.find((f) => f.field === "password");
    if (field) {
      passwordForm.setError("password", { type: "server", message: field.message });
      passwordForm.setFocus("password");
      return;
    }
    setOutcome({ ok: false, text: failureMessage(failure, "changed") });
  }

  const roleError = roleForm.formState.errors.role?.message;
  const passwordError = passwordForm.formState.errors.password?.message;
  return (
    <>
      {outcome && (
        <div className={outcome.ok ? "status-message" : "alert register-alert"} role={outcome.ok ? "status" : "alert"} tabIndex={-1} ref={outcomeRef}>
          {outcome.text}
        </div>
      )}
      <div className="admin-actions">
        <section className="card" aria-labelledby="role-heading">
          <h2 id="role-heading">Change role</h2>
          <form method="post" className="inline-form" noValidate onSubmit={(event) => void roleForm.handleSubmit(changeRole)(event)}>
            <div className="patient-field">
              <label htmlFor="user-role">Role</label>
              <select
                id="user-role"
                disabled={isSelf}
                aria-invalid={roleError ? true : undefined}
                aria-describedby={describedBy(isSelf && "user-role-hint", roleError && "user-role-error")}
                {...roleForm.register("role")}
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </select>
              {isSelf && (
                <p className="hint" id="user-role-hint">
                  You cannot change your own role; ask another administrator.
                </p>
              )}
              <FieldError id="user-role-error" message={roleError} />
            </div>
            <button type="submit" disabled={!hydrated || isSelf || pending !== null}>
              {pending === "role" ? "Saving…" : "Change role"}
            </button>
          </form>
        </section>

        <section className="card" aria-labelledby="status-heading">
          <h2 id="status-heading">Access</h2>
          <p>{user.active ? "This account can sign in." : "This account is deactivated and cannot sign in."}</p>
          {isSelf ? (
            <p className="hint">You cannot deactivate your own account.</p>
          ) : confirmingOff && user.active ? (
            <div className="confirm-step" role="group" aria-labelledby="deactivate-confirm-text">
              <p id="deactivate-confirm-text">
                Deactivate {user.name}? Their open sessions end at once and they cannot sign in until an administrator reactivates the
                account. Their records and the audit trail stay.
              </p>
              <div className="page-actions">
                <button type="button" ref={confirmRef} disabled={!hydrated || pending !== null} onClick={() => void setActive(false)}>
                  {pending === "status" ? "Deactivating…" : "Deactivate now"}
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={pending !== null}
                  onClick={() => {
                    setConfirmingOff(false);
                    requestAnimationFrame(() => deactivateRef.current?.focus());
                  }}
                >
                  Cancel
                </button>
              </div>
            </div>
          ) : (
            <button
              type="button"
              ref={deactivateRef}
              className={user.active ? "secondary" : undefined}
              disabled={!hydrated || pending !== null}
              onClick={() => (user.active ? setConfirmingOff(true) : void setActive(true))}
            >
              {pending === "status" ? "Saving…" : user.active ? "Deactivate account" : "Reactivate account"}
            </button>
          )}
        </section>

        <section className="card" aria-labelledby="password-heading">
          <h2 id="password-heading">Reset password</h2>
          <form method="post" noValidate onSubmit={(event) => void passwordForm.handleSubmit(resetPassword)(event)}>
            <div className="patient-field">
              <label htmlFor="user-password">New password</label>
              <input
                id="user-password"
                type="password"
                autoComplete="new-password"
                aria-invalid={passwordError ? true : undefined}
                aria-describedby={describedBy("user-password-hint", passwordError && "user-password-error")}
                {...passwordForm.register("password")}
              />
              <p className="hint" id="user-password-hint">
                At least {PASSWORD_MIN_LENGTH} characters. Their open sessions end{isSelf ? ", including this one" : ""}.
              </p>
              <FieldError id="user-password-error" message={passwordError} />
            </div>
            <button type="submit" disabled={!hydrated || pending !== null}>
              {pending === "password" ? "Saving…" : "Set new password"}
            </button>
          </form>
        </section>
      </div>
    </>
  );
}
