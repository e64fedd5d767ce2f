// The look of the rule editor and the contact point form: inputs that stay readable when read-only, a field
// with its own messages, key/value rows, and the badges the rule and contact point lists share.
import type { ReactNode } from "react";
import type { AlertState } from "@/lib/alerts/alert-state";
import type { KeyValueRow } from "@/lib/client/rule-form";
import { SECONDARY_BUTTON } from "@/components/auth/form-ui";

/** Like the sign-in forms' INPUT, but a read-only view (a disabled fieldset) stays as legible as an editable one. */
export const FIELD_INPUT =
  "w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-blue-600 focus:outline-none focus:ring-1 focus:ring-blue-600 disabled:cursor-default disabled:bg-slate-50 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:disabled:bg-slate-950 dark:aria-[invalid=true]:border-red-400";

export const SECTION = "min-w-0 rounded border border-slate-200 bg-white p-3 sm:p-4 dark:border-slate-800 dark:bg-slate-900";
export const HINT = "text-xs text-slate-600 dark:text-slate-400";
export const CHECKBOX = "h-4 w-4 rounded border-slate-400 accent-blue-700 disabled:cursor-default";

/** A titled part of a form. */
export function FormSection({ id, title, description, children }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className={SECTION} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="font-medium">{title}</h2>
      {description ? <p className={`mb-3 ${HINT}`}>{description}</p> : <div className="mb-3" />}
      <div className="grid gap-3">{children}</div>
    </section>
  );
}

/** The messages about one field, tied to it by `${id}-errors` (aria-describedby). */
export function FieldMessages({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <ul id={`${id}-errors`} className="mt-1 grid gap-0.5 text-xs text-red-700 dark:text-red-300" data-testid="field-error">
      {messages.map((message, i) => <li key={i} className="break-words">{message}</li>)}
    </ul>
  );
}

/** aria attributes of a control with (possibly) messages and a hint. */
export function describedBy(id: string, messages: readonly string[] | undefined, hint = false): { "aria-invalid": boolean; "aria-describedby"?: string } {
  const ids = [messages && messages.length > 0 ? `${id}-errors` : null, hint ? `${id}-hint` : null].filter((x): x is string => x !== null);
  return { "aria-invalid": Boolean(messages && messages.length > 0), ...(ids.length > 0 ? { "aria-describedby": ids.join(" ") } : {}) };
}

/** A label above its control, a hint and the field's messages under it. */
export function LabeledField({ id, label, hint, messages, children }: { id: string; label: ReactNode; hint?: ReactNode; messages?: readonly string[]; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800 dark:text-slate-200">{label}</label>
      {children}
      {hint ? <p id={`${id}-hint`} className={`mt-1 ${HINT}`}>{hint}</p> : null}
      <FieldMessages id={id} messages={messages} />
    </div>
  );
}

/** Name/value rows (labels, extra annotations, headers, routing match) with add and remove. */
export function KeyValueRows({ id, title, hint, rows, onChange, keyLabel, valueLabel, addLabel, keyPlaceholder, valuePlaceholder, valueType = "text", messages, readOnly = false }: {
  id: string;
  title: string;
  hint?: ReactNode;
  rows: readonly KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  keyLabel: string;
  valueLabel: string;
  addLabel: string;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  /** "password" for header values: typed, never shown back */
  valueType?: "text" | "password";
  messages?: readonly string[];
  /** a view: no placeholders, no add or remove */
  readOnly?: boolean;
}) {
  const set = (index: number, change: Partial<KeyValueRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  if (readOnly && rows.length === 0) {
    return (
      <div className="min-w-0">
        <p className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{title}</p>
        <p className="text-sm text-slate-600 dark:text-slate-300">none</p>
      </div>
    );
  }
  return (
    <div className="min-w-0" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{title}</p>
      {hint ? <p className={`mb-2 ${HINT}`}>{hint}</p> : null}
      {rows.length > 0 ? (
        <ul className="grid gap-2">
          {rows.map((row, index) => (
            <li key={index} className={`grid items-start gap-2 ${readOnly ? "grid-cols-[minmax(0,1fr)_minmax(0,1.5fr)]" : "grid-cols-[minmax(0,1fr)_minmax(0,1.5fr)_auto]"}`}>
              <input type="text" aria-label={`${keyLabel} ${index + 1}`} value={row.key} placeholder={readOnly ? undefined : keyPlaceholder} spellCheck={false} autoComplete="off"
                onChange={(e) => set(index, { key: e.target.value })} className={`${FIELD_INPUT} font-mono`} {...describedBy(`${id}`, messages)} />
              <input type={valueType} aria-label={`${valueLabel} ${index + 1}`} value={row.value} placeholder={readOnly ? undefined : valuePlaceholder} spellCheck={false} autoComplete={valueType === "password" ? "new-password" : "off"}
                onChange={(e) => set(index, { value: e.target.value })} className={FIELD_INPUT} />
              {readOnly ? null : (
                <button type="button" className={`${SECONDARY_BUTTON} mt-0.5`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                  Remove<span className="sr-only">{` ${keyLabel.toLowerCase()} ${row.key || index + 1}`}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {readOnly ? null : <button type="button" className={`${SECONDARY_BUTTON} ${rows.length > 0 ? "mt-2" : ""}`} onClick={() => onChange([...rows, { key: "", value: "" }])}>{addLabel}</button>}
      <FieldMessages id={id} messages={messages} />
    </div>
  );
}

const TONES = {
  red: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  amber: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  blue: "bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-100",
  green: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  purple: "bg-purple-100 text-purple-900 dark:bg-purple-900 dark:text-purple-100",
  slate: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
} as const;
export type Tone = keyof typeof TONES;

export function Pill({ tone, title, children, testId }: { tone: Tone; title?: string; children: ReactNode; testId?: string }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${TONES[tone]}`} title={title} data-testid={testId}>{children}</span>;
}

const SEVERITY_TONES: Record<string, Tone> = { critical: "red", warning: "amber", info: "blue" };

export const SeverityBadge = ({ severity }: { severity: string }) => <Pill tone={SEVERITY_TONES[severity] ?? "slate"} testId="severity">{severity}</Pill>;

const SOURCE_TEXT: Record<string, { label: string; title: string; tone: Tone }> = {
  config: { label: "config file", title: "defined in the configuration file: change it there", tone: "purple" },
  default: { label: "default", title: "one of the rules Queuewatch starts with; yours to change or delete", tone: "slate" },
  api: { label: "UI / API", title: "created in Queuewatch (this page or the API)", tone: "slate" },
};

export function SourceBadge({ source }: { source: string }) {
  const text = SOURCE_TEXT[source] ?? { label: source, title: source, tone: "slate" as const };
  return <Pill tone={text.tone} title={text.title} testId="source">{text.label}</Pill>;
}

export const STATE_TONES: Record<AlertState, Tone> = { firing: "red", error: "red", nodata: "amber", pending: "amber", inactive: "green" };
export const STATE_WORDS: Record<AlertState, string> = { firing: "firing", error: "error", nodata: "no data", pending: "pending", inactive: "ok" };

/** "defined in the configuration file" and why it cannot be changed here. */
export function ConfigNote({ what }: { what: string }) {
  return (
    <p className="rounded border border-purple-300 bg-purple-50 px-3 py-2 text-sm text-purple-950 dark:border-purple-800 dark:bg-purple-950 dark:text-purple-100" data-testid="config-note">
      This {what} is defined in the configuration file: it is shown read-only here. Change it in the file (and restart Queuewatch).
    </p>
  );
}

/** A list-level warning (stored rows that no longer parse). */
export function ProblemsWarning({ problems, what }: { problems: readonly string[]; what: string }) {
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-testid="problems">
      <p className="font-medium">{problems.length === 1 ? `One stored ${what} no longer parses` : `${problems.length} stored ${what}s no longer parse`} and {problems.length === 1 ? "is" : "are"} skipped (not evaluated):</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((problem, i) => <li key={i} className="break-words">{problem}</li>)}
      </ul>
    </div>
  );
}
