"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { DataTable, NAME_CELL, TableHead } from "@/components/ui/data-table";
import { QueryStates } from "@/components/ui/states";
import type { CreatedTokenDto, RoleDto, TokenDto } from "@/lib/api/types";
import { TOKEN_EXPIRIES, useCreateToken, useRevokeToken, useTokens, type TokenExpiry } from "@/lib/client/auth-hooks";
import { useTimeFormat } from "@/lib/client/time";
import { CARD, DANGER_BUTTON, Field, FormError, INPUT, PRIMARY_BUTTON, ROLE_HELP, RoleBadge, SECONDARY_BUTTON, RoleField, messageOf } from "./form-ui";
import { tokenStatus, type TokenStatus } from "./token-status";

const CLI_EXAMPLE = "npm run token -- create --name NAME --role viewer|operator|admin [--expires 30d]";

/** The API tokens list with revoke, the form for a new one, and its secret shown once. */
export function TokensAdmin() {
  const tokens = useTokens();
  const [created, setCreated] = useState<CreatedTokenDto | null>(null);
  return (
    <div className="grid grid-cols-1 gap-6">
      <NewTokenForm onCreated={setCreated} />
      {created ? <CreatedSecret created={created} onDone={() => setCreated(null)} /> : null}
      <section aria-labelledby="tokens-list-title" className="min-w-0">
        <h2 id="tokens-list-title" className="mb-2 text-lg font-medium">All tokens</h2>
        <QueryStates query={tokens} what="API tokens" isEmpty={(list) => list.length === 0} empty="No API tokens yet.">
          {(list) => (
          <DataTable label="API tokens" testId="tokens-table">
            <TableHead columns={["Name", "Prefix", "Role", "Created by", "Created", "Expires", "Last used", "Status", "Actions"]} />
            <tbody>
              {list.map((token) => <TokenRow key={token.id} token={token} status={tokenStatus(token, tokens.dataUpdatedAt)} />)}
            </tbody>
          </DataTable>
          )}
        </QueryStates>
      </section>
      <section className="text-sm text-slate-700 dark:text-slate-200" aria-labelledby="tokens-cli-title">
        <h2 id="tokens-cli-title" className="mb-1 font-medium">From the command line</h2>
        <p className="mb-2">On the Queuewatch host (with its database configured), an admin can also create a token without signing in:</p>
        <pre tabIndex={0} aria-label="Command to create a token" className="overflow-x-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-800"><code>{CLI_EXAMPLE}</code></pre>
        <p className="mt-2">A script sends the token in the header <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">Authorization: Bearer &lt;token&gt;</code>.</p>
      </section>
    </div>
  );
}

function NewTokenForm({ onCreated }: { onCreated: (created: CreatedTokenDto) => void }) {
  const id = useId();
  const create = useCreateToken();
  const [name, setName] = useState("");
  const [role, setRole] = useState<RoleDto>("viewer");
  const [expires, setExpires] = useState<TokenExpiry>("");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), role, expires }, {
      onSuccess: (created) => {
        onCreated(created);
        setName("");
      },
    });
  };

  return (
    <section className={CARD} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="mb-1 text-lg font-medium">Create a token</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">{ROLE_HELP} Give a token the smallest role that does its job.</p>
      <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-3 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] lg:items-end">
        <Field id={`${id}-name`} label="Token name">
          <input id={`${id}-name`} type="text" required maxLength={100} autoComplete="off" placeholder="e.g. grafana, ci-deploy"
            value={name} onChange={(e) => setName(e.target.value)} className={INPUT} />
        </Field>
        <RoleField id={`${id}-role`} value={role} onChange={setRole} />
        <Field id={`${id}-expires`} label="Expires">
          <select id={`${id}-expires`} value={expires} onChange={(e) => setExpires(e.target.value as TokenExpiry)} className={INPUT}>
            {TOKEN_EXPIRIES.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
          </select>
        </Field>
        <div>
          <button type="submit" disabled={create.isPending} className={PRIMARY_BUTTON}>Create token</button>
        </div>
      </form>
      <div className="mt-3">
        <FormError message={messageOf(create.error)} />
      </div>
    </section>
  );
}

/** The new token's secret: shown once, read-only, ready to copy. The server keeps only its hash. */
function CreatedSecret({ created, onDone }: { created: CreatedTokenDto; onDone: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"copied" | "failed" | null>(null);
  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopy("copied");
    } catch {
      // no clipboard access (http, or permission denied): select the text so the user can copy it themselves
      input.current?.select();
      setCopy("failed");
    }
  };
  return (
    <section className="rounded border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950" aria-labelledby={`${id}-title`} data-testid="created-token">
      <h2 id={`${id}-title`} className="mb-1 text-lg font-medium text-emerald-950 dark:text-emerald-50">
        Token <span className="break-all">{created.token.name}</span> created
      </h2>
      <p className="mb-3 text-sm font-medium text-emerald-950 dark:text-emerald-50">Copy it now: it will not be shown again. Queuewatch keeps only a hash of it.</p>
      <label htmlFor={`${id}-secret`} className="mb-1 block text-sm font-medium text-emerald-950 dark:text-emerald-50">New token</label>
      <div className="flex flex-wrap items-center gap-2">
        <input ref={input} id={`${id}-secret`} type="text" readOnly value={created.secret} spellCheck={false} autoComplete="off"
          onFocus={(e) => e.currentTarget.select()} className={`${INPUT} flex-1 font-mono sm:min-w-[24rem]`} />
        <button type="button" className={PRIMARY_BUTTON} onClick={() => void copySecret()}>Copy</button>
        <button type="button" className={SECONDARY_BUTTON} onClick={onDone}>Done</button>
      </div>
      <p role="status" className="mt-2 text-sm text-emerald-950 dark:text-emerald-50">
        {copy === "copied" ? "Copied to the clipboard." : copy === "failed" ? "This browser did not allow copying: the token is selected, copy it with Ctrl+C / ⌘C." : ""}
      </p>
    </section>
  );
}

const STATUS_STYLES: Record<TokenStatus, string> = {
  active: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  revoked: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  expired: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

function TokenRow({ token, status }: { token: TokenDto; status: TokenStatus }) {
  const time = useTimeFormat();
  const revoke = useRevokeToken();
  const [confirming, setConfirming] = useState(false);
  const at = (iso: string | null, none: string) => (iso ? time.formatDateTime(Date.parse(iso)) : none);
  return (
    <tr className="border-b border-slate-100 dark:border-slate-800" data-testid="token-row" data-token-name={token.name} data-status={status}>
      <td className={NAME_CELL}><span className="font-medium break-words">{token.name}</span></td>
      <td className="font-mono text-xs whitespace-nowrap">{token.prefix}…</td>
      <td><RoleBadge role={token.role} /></td>
      <td className="break-words">{token.createdBy}</td>
      <td className="whitespace-nowrap">{at(token.createdAt, "—")}</td>
      <td className="whitespace-nowrap">{at(token.expiresAt, "never")}</td>
      <td className="whitespace-nowrap">{at(token.lastUsedAt, "never")}</td>
      <td>
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[status]}`} title={token.revokedAt ? `revoked ${at(token.revokedAt, "")}` : undefined}>{status}</span>
      </td>
      <td className="relative min-w-[12rem]">
        {status === "revoked" ? null : confirming ? (
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label={`Confirm revoking ${token.name}`}>
            <span className="text-sm">Scripts using it stop working at once.</span>
            <button type="button" className={DANGER_BUTTON} disabled={revoke.isPending}
              onClick={() => revoke.mutate(token.id, { onSettled: () => setConfirming(false) })}>
              Yes, revoke<span className="sr-only">{` ${token.name}`}</span>
            </button>
            <button type="button" className={SECONDARY_BUTTON} disabled={revoke.isPending} onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        ) : (
          <button type="button" className={DANGER_BUTTON} onClick={() => { revoke.reset(); setConfirming(true); }}>
            Revoke<span className="sr-only">{` ${token.name}`}</span>
          </button>
        )}
        <div className="mt-1">
          <FormError message={messageOf(revoke.error)} />
        </div>
      </td>
    </tr>
  );
}
