"use client";

import { useId, useState, type FormEvent } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { useChangePassword } from "@/lib/client/auth-hooks";
import { newPasswordProblem } from "./password-check";
import { Field, FormError, FormSuccess, INPUT, PRIMARY_BUTTON, messageOf } from "./form-ui";

export function ChangePasswordForm() {
  const id = useId();
  const change = useChangePassword();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeated, setRepeated] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = current === "" ? "Enter your current password." : newPasswordProblem(next, repeated);
    setProblem(found);
    if (found) return;
    change.mutate({ currentPassword: current, newPassword: next }, {
      onSuccess: () => {
        setCurrent("");
        setNext("");
        setRepeated("");
      },
    });
  };
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    if (change.isSuccess || change.isError) change.reset();
  };

  return (
    <form onSubmit={submit} noValidate className="max-w-md space-y-4" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-lg font-medium">Change password</h2>
      <Field id={`${id}-current`} label="Current password">
        <input id={`${id}-current`} type="password" autoComplete="current-password" required value={current}
          onChange={(e) => edit(setCurrent)(e.target.value)} className={INPUT} />
      </Field>
      <Field id={`${id}-new`} label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}>
        <input id={`${id}-new`} type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} aria-describedby={`${id}-new-hint`}
          value={next} onChange={(e) => edit(setNext)(e.target.value)} className={INPUT} />
      </Field>
      {/* Not "Repeat new password": a label holding "New password" would make that label ambiguous. */}
      <Field id={`${id}-repeat`} label="Confirm password">
        <input id={`${id}-repeat`} type="password" autoComplete="new-password" required value={repeated}
          onChange={(e) => edit(setRepeated)(e.target.value)} className={INPUT} />
      </Field>
      <FormError message={problem ?? messageOf(change.error)} />
      <FormSuccess message={change.isSuccess ? "Password changed. Your other sessions have been signed out; this one stays." : null} />
      <button type="submit" disabled={change.isPending} className={PRIMARY_BUTTON}>Change password</button>
    </form>
  );
}
