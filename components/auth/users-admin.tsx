"use client";

import { useId, useState, type FormEvent } from "react";
import { DataTable, NAME_CELL, TableHead } from "@/components/ui/data-table";
import { QueryStates } from "@/components/ui/states";
import type { RoleDto, UserDto } from "@/lib/api/types";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { ROLES } from "@/lib/auth/roles";
import { useCreateUser, useDeleteUser, useUpdateUser, useUsers } from "@/lib/client/auth-hooks";
import { useTimeFormat } from "@/lib/client/time";
import { CARD, DANGER_BUTTON, Field, FormError, FormSuccess, INPUT, PRIMARY_BUTTON, ROLE_HELP, SECONDARY_BUTTON, RoleField, messageOf } from "./form-ui";

/** The users list with per-row changes, and the form for a new local user. `myName`: the admin looking at it. */
export function UsersAdmin({ myName }: { myName: string }) {
  const users = useUsers();
  return (
    <div className="grid grid-cols-1 gap-6">
      <NewUserForm />
      <section aria-labelledby="users-list-title" className="min-w-0">
        <h2 id="users-list-title" className="mb-2 text-lg font-medium">All users</h2>
        <QueryStates query={users} what="users" isEmpty={(list) => list.length === 0} empty="No users yet.">
          {(list) => (
          <DataTable label="Users" testId="users-table">
            <TableHead columns={["Name", "Role", "Source", "Status", "Created", "Last login", "Actions"]} />
            <tbody>
              {list.map((user) => <UserRow key={user.id} user={user} isMe={user.username === myName} />)}
            </tbody>
          </DataTable>
          )}
        </QueryStates>
      </section>
    </div>
  );
}

function NewUserForm() {
  const id = useId();
  const create = useCreateUser();
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<RoleDto>("viewer");
  const [password, setPassword] = useState("");
  const [created, setCreated] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    create.mutate({ username: username.trim(), role, password }, {
      onSuccess: ({ user }) => {
        setCreated(`Created ${user.role} ${user.username}.`);
        setUsername("");
        setPassword("");
        setRole("viewer");
      },
    });
  };

  return (
    <section className={CARD} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="mb-1 text-lg font-medium">New user</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">A local user who signs in with this password. {ROLE_HELP}</p>
      <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)_auto] lg:items-start">
        <Field id={`${id}-name`} label="User name">
          <input id={`${id}-name`} type="text" required maxLength={64} autoComplete="off" autoCapitalize="none" spellCheck={false}
            value={username} onChange={(e) => setUsername(e.target.value)} className={INPUT} />
        </Field>
        <RoleField id={`${id}-role`} value={role} onChange={setRole} />
        <Field id={`${id}-password`} label="Password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}>
          <input id={`${id}-password`} type="password" required minLength={MIN_PASSWORD_LENGTH} autoComplete="new-password" aria-describedby={`${id}-password-hint`}
            value={password} onChange={(e) => setPassword(e.target.value)} className={INPUT} />
        </Field>
        <div className="lg:pt-6">
          <button type="submit" disabled={create.isPending} className={PRIMARY_BUTTON}>Create user</button>
        </div>
      </form>
      <div className="mt-3 space-y-2">
        <FormError message={messageOf(create.error)} />
        <FormSuccess message={created} />
      </div>
    </section>
  );
}

/**
 * One user and what an admin can do to them. Row buttons name the user in hidden text ("Delete alice"),
 * and no row label repeats a label of the "New user" form ("Role", "Password"), so each stays unambiguous.
 */
function UserRow({ user, isMe }: { user: UserDto; isMe: boolean }) {
  const time = useTimeFormat();
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [settingPassword, setSettingPassword] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const busy = update.isPending || remove.isPending;
  const shownRole = update.isPending && update.variables.changes.role ? update.variables.changes.role : user.role;
  const change = (changes: { role?: RoleDto; disabled?: boolean }, done: string) => {
    setNotice(null);
    remove.reset();
    update.mutate({ id: user.id, changes }, { onSuccess: () => setNotice(done) });
  };

  return (
    <tr className="border-b border-slate-100 dark:border-slate-800" data-testid="user-row" data-username={user.username}>
      <td className={NAME_CELL}>
        <span className="font-medium break-words">{user.username}</span>
        {isMe ? <span className="ml-1 text-xs text-slate-600 dark:text-slate-300">(you)</span> : null}
      </td>
      <td>
        <select aria-label={`Access level of ${user.username}`} value={shownRole} disabled={busy}
          onChange={(e) => change({ role: e.target.value as RoleDto }, `${user.username} is now ${e.target.value}.`)}
          className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900">
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </td>
      <td>{user.source === "oidc" ? "OIDC" : "local"}</td>
      <td>
        {user.disabled
          ? <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-900 dark:bg-red-900 dark:text-red-100">disabled</span>
          : <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">active</span>}
      </td>
      <td className="whitespace-nowrap">{time.formatDateTime(Date.parse(user.createdAt))}</td>
      <td className="whitespace-nowrap">{user.lastLoginAt ? time.formatDateTime(Date.parse(user.lastLoginAt)) : "never"}</td>
      <td className="relative min-w-[16rem]">
        {confirmingDelete ? (
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label={`Confirm deleting ${user.username}`}>
            <span className="text-sm">Delete <span className="font-medium break-all">{user.username}</span> and end their sessions?</span>
            <button type="button" className={DANGER_BUTTON} disabled={busy}
              onClick={() => remove.mutate(user.id, { onError: () => setConfirmingDelete(false) })}>
              Yes, delete<Whom name={user.username} />
            </button>
            <button type="button" className={SECONDARY_BUTTON} disabled={busy} onClick={() => setConfirmingDelete(false)}>Cancel</button>
          </div>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" className={SECONDARY_BUTTON} disabled={busy}
              onClick={() => change({ disabled: !user.disabled }, `${user.username} is ${user.disabled ? "enabled" : "disabled"}.`)}>
              {user.disabled ? "Enable" : "Disable"}<Whom name={user.username} />
            </button>
            {user.source === "local" ? (
              <button type="button" className={SECONDARY_BUTTON} disabled={busy} aria-expanded={settingPassword}
                onClick={() => { setSettingPassword((open) => !open); setNotice(null); }}>
                Set password<Whom name={user.username} prefix="for" />
              </button>
            ) : null}
            <button type="button" className={DANGER_BUTTON} disabled={busy}
              onClick={() => { setNotice(null); update.reset(); remove.reset(); setConfirmingDelete(true); }}>
              Delete<Whom name={user.username} />
            </button>
          </div>
        )}
        {settingPassword && !confirmingDelete ? (
          <SetPasswordForm user={user} onDone={() => { setSettingPassword(false); setNotice(`New password set for ${user.username}; their sessions have ended.`); }} onCancel={() => setSettingPassword(false)} />
        ) : null}
        <div className="mt-2 space-y-1">
          <FormError message={messageOf(update.error) ?? messageOf(remove.error)} />
          <FormSuccess message={notice} />
        </div>
      </td>
    </tr>
  );
}

function SetPasswordForm({ user, onDone, onCancel }: { user: UserDto; onDone: () => void; onCancel: () => void }) {
  const id = useId();
  const update = useUpdateUser();
  const [password, setPassword] = useState("");
  const tooShort = password.length > 0 && password.length < MIN_PASSWORD_LENGTH;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) return;
    update.mutate({ id: user.id, changes: { password } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate className="mt-2 space-y-2">
      <label htmlFor={`${id}-pw`} className="block text-xs font-medium">New password for {user.username}</label>
      <div className="flex flex-wrap items-center gap-2">
        <input id={`${id}-pw`} type="password" required minLength={MIN_PASSWORD_LENGTH} autoComplete="new-password" value={password}
          onChange={(e) => setPassword(e.target.value)} className={`${INPUT} max-w-[14rem]`} aria-describedby={`${id}-pw-hint`} />
        <button type="submit" className={SECONDARY_BUTTON} disabled={update.isPending || password.length < MIN_PASSWORD_LENGTH}>Save<Whom name={user.username} prefix="for" /></button>
        <button type="button" className={SECONDARY_BUTTON} onClick={onCancel}>Cancel</button>
      </div>
      <p id={`${id}-pw-hint`} className={`text-xs ${tooShort ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}`}>
        At least {MIN_PASSWORD_LENGTH} characters. Their sessions end, so they sign in again with it.
      </p>
      <FormError message={messageOf(update.error)} />
    </form>
  );
}

/**
 * Whom a row's button acts on, for screen readers and tests ("Delete alice"); the row shows it already.
 * Its cell is `relative`: an sr-only span is absolutely positioned, and would otherwise widen the page
 * past the table's scrolling card.
 */
function Whom({ name, prefix }: { name: string; prefix?: string }) {
  return <span className="sr-only">{` ${prefix ? `${prefix} ` : ""}${name}`}</span>;
}
