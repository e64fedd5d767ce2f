"use client";

import { useId, useState, type FormEvent } from "react";
import { useLogin } from "@/lib/client/auth-hooks";
import { Field, FormError, INPUT, PRIMARY_BUTTON, messageOf } from "./form-ui";

/**
 * User name and password. After a successful sign-in the browser loads `next` in full, so the server
 * renders the header and pages with the new session. A 401 here means a wrong password (never a redirect).
 */
export function LoginForm({ next }: { next: string }) {
  const id = useId();
  const login = useLogin();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate({ username: username.trim(), password }, {
      onSuccess: () => window.location.assign(next),
      onError: () => setPassword(""),
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <Field id={`${id}-username`} label="User name">
        <input id={`${id}-username`} name="username" type="text" autoComplete="username" autoCapitalize="none" spellCheck={false} required
          value={username} onChange={(e) => setUsername(e.target.value)} className={INPUT} />
      </Field>
      <Field id={`${id}-password`} label="Password">
        <input id={`${id}-password`} name="password" type="password" autoComplete="current-password" required
          value={password} onChange={(e) => setPassword(e.target.value)} className={INPUT} />
      </Field>
      <FormError message={messageOf(login.error)} />
      <button type="submit" disabled={login.isPending || login.isSuccess} className={`${PRIMARY_BUTTON} w-full`}>
        Sign in
      </button>
    </form>
  );
}
