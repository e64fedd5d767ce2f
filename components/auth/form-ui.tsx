// The look of the sign-in, account and admin forms: labelled fields, buttons, and the messages under them.
import type { ReactNode } from "react";
import type { RoleDto } from "@/lib/api/types";
import { ROLES } from "@/lib/auth/roles";

export const INPUT =
  "w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-blue-600 focus:outline-none focus:ring-1 focus:ring-blue-600 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";
export const PRIMARY_BUTTON =
  "rounded bg-blue-700 px-3 py-1.5 text-sm font-medium whitespace-nowrap text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-blue-600 dark:hover:bg-blue-500";
export const SECONDARY_BUTTON =
  "rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium whitespace-nowrap text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800";
export const DANGER_BUTTON =
  "rounded border border-red-300 bg-white px-2 py-1 text-xs font-medium whitespace-nowrap text-red-800 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-60 dark:border-red-800 dark:bg-slate-900 dark:text-red-200 dark:hover:bg-red-950";
export const CARD = "rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

/** A label above its control; `id` ties them together (getByLabel, screen readers). */
export function Field({ id, label, hint, children }: { id: string; label: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800 dark:text-slate-200">{label}</label>
      {children}
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">{hint}</p> : null}
    </div>
  );
}

const MESSAGE_TONES = {
  error: { role: "alert", className: "border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200" },
  success: { role: "status", className: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100" },
} as const;

function FormMessage({ tone, message }: { tone: keyof typeof MESSAGE_TONES; message: string | null }) {
  if (!message) return null;
  const { role, className } = MESSAGE_TONES[tone];
  return <p role={role} className={`rounded border px-3 py-2 text-sm break-words ${className}`}>{message}</p>;
}

/** A refused or failed action, in the server's words (as text). */
export const FormError = ({ message }: { message: string | null }) => <FormMessage tone="error" message={message} />;

export const FormSuccess = ({ message }: { message: string | null }) => <FormMessage tone="success" message={message} />;

/** Shown instead of a page's controls to a signed-in user whose role may not use them. */
export function NotAllowed({ children }: { children: ReactNode }) {
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-testid="not-allowed">
      {children}
    </div>
  );
}

const ROLE_STYLES: Record<RoleDto, string> = {
  viewer: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  operator: "bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-100",
  admin: "bg-purple-100 text-purple-900 dark:bg-purple-900 dark:text-purple-100",
};

export function RoleBadge({ role }: { role: RoleDto }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${ROLE_STYLES[role]}`} data-testid="role">{role}</span>;
}

/** The role select of the new-user and new-token forms. */
export function RoleField({ id, value, onChange }: { id: string; value: RoleDto; onChange: (role: RoleDto) => void }) {
  return (
    <Field id={id} label="Role">
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as RoleDto)} className={INPUT}>
        {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
      </select>
    </Field>
  );
}

export const ROLE_HELP = "Viewers see every page; operators also act on alerts and dead letters; admins also manage users and API tokens.";

export const ROLE_DESCRIPTIONS: Record<RoleDto, string> = {
  viewer: "sees every page and the audit log",
  operator: "sees every page, and acts on alerts and dead letters",
  admin: "sees and does everything, including managing users and API tokens",
};

/** The message of an error from a mutation or query, for FormError. */
export const messageOf = (error: unknown): string | null => (error === null || error === undefined ? null : error instanceof Error ? error.message : String(error));
