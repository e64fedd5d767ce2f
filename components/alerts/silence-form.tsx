"use client";

import { useId, useState, type FormEvent } from "react";
import { fromDateTimeLocal, toDateTimeLocal } from "@/components/auth/audit-filters";
import { CARD, Field, FormError, INPUT, messageOf, PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/auth/form-ui";
import { Name } from "@/components/ui/name";
import type { AlertInstanceDto, SilenceDto } from "@/lib/alerts/alert-dto";
import { MATCH_OPS, type LabelMatcher, type MatchOp } from "@/lib/alerts/label-matchers";
import { useCreateSilence } from "@/lib/client/alert-hooks";
import { useTimeFormat, zoneIdOf } from "@/lib/client/time";
import { entityOf } from "./alert-filters";
import { alertsMatchedBy, BLANK_MATCHER, checkSilenceDraft, SILENCE_DURATIONS, type DurationKey, type MatcherDraft, type SilenceProblems } from "./silence-form-model";

const OP_TITLES: Record<MatchOp, string> = { "=": "equals", "!=": "does not equal", "=~": "matches the regex", "!~": "does not match the regex" };
const KNOWN_LABELS = ["alertname", "severity", "cluster", "vhost", "queue", "group", "topic", "partition", "node"];
const NO_PROBLEMS: SilenceProblems = { matchers: [], endsAt: null, comment: null, general: [] };
const PREVIEW_LIMIT = 8;

/** A custom end starts two hours from now. */
const twoHoursFromNow = (): string => new Date(Date.now() + 2 * 3600_000).toISOString();

interface Row extends MatcherDraft {
  key: number;
}

/**
 * A new silence: matchers (label, operator, value), how long, and why. Checked with the API's own schema
 * before it is sent; the server's refusal, if any, shows under the form in its words.
 */
export function SilenceForm({ initialMatchers, alerts, onCreated, onCancel }: {
  initialMatchers: readonly LabelMatcher[];
  /** the current alerts, to show what the silence would mute */
  alerts: readonly AlertInstanceDto[] | undefined;
  onCreated: (silence: SilenceDto) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const time = useTimeFormat();
  const zone = zoneIdOf(time.zone);
  const create = useCreateSilence();
  const [rows, setRows] = useState<Row[]>(() => (initialMatchers.length > 0 ? initialMatchers : [BLANK_MATCHER]).map((m, key) => ({ ...m, key })));
  const [nextKey, setNextKey] = useState(rows.length);
  const [duration, setDuration] = useState<DurationKey>("1h");
  const [customEnd, setCustomEnd] = useState("");
  const [comment, setComment] = useState("");
  const [problems, setProblems] = useState<SilenceProblems>(NO_PROBLEMS);

  const setRow = (key: number, change: Partial<MatcherDraft>) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const addRow = () => {
    setRows((current) => [...current, { ...BLANK_MATCHER, key: nextKey }]);
    setNextKey(nextKey + 1);
  };
  const removeRow = (key: number) => setRows((current) => current.filter((row) => row.key !== key));
  const chooseDuration = (key: DurationKey) => {
    setDuration(key);
    if (key === "custom" && customEnd === "") setCustomEnd(twoHoursFromNow());
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkSilenceDraft({ matchers: rows, duration, customEnd, comment }, Date.now());
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems(NO_PROBLEMS);
    create.mutate(checked.input, { onSuccess: ({ silence }) => onCreated(silence) });
  };

  const matched = alerts ? alertsMatchedBy(rows, alerts) : null;
  return (
    <section className={`${CARD} mb-6`} aria-labelledby={`${id}-title`} data-testid="silence-form">
      <h2 id={`${id}-title`} className="mb-1 text-lg font-medium">New silence</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">
        Mutes the notifications of every alert that matches all the matchers, from now until it ends. The alerts stay listed, marked “silenced”.
      </p>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <fieldset className="min-w-0">
          <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Matchers</legend>
          <div className="mb-1 hidden grid-cols-[minmax(0,1fr)_6.5rem_minmax(0,2fr)_5rem] gap-2 text-xs text-slate-600 sm:grid dark:text-slate-300" aria-hidden="true">
            <span>Label</span><span>Operator</span><span>Value (=~ and !~: a regex for the whole value)</span><span />
          </div>
          <datalist id={`${id}-labels`}>{KNOWN_LABELS.map((label) => <option key={label} value={label} />)}</datalist>
          <ol className="grid gap-2">
            {rows.map((row, index) => {
              const problem = problems.matchers[index] ?? null;
              const errorId = `${id}-m${row.key}-error`;
              return (
                <li key={row.key} className="min-w-0 rounded border border-slate-200 p-2 sm:border-0 sm:p-0 dark:border-slate-700" data-testid="matcher-row">
                  <div className="grid grid-cols-[minmax(0,1fr)_6.5rem] gap-2 sm:grid-cols-[minmax(0,1fr)_6.5rem_minmax(0,2fr)_5rem]">
                    <input type="text" aria-label={`Label of matcher ${index + 1}`} value={row.label} list={`${id}-labels`} placeholder="label" spellCheck={false} autoComplete="off"
                      aria-invalid={problem !== null} aria-describedby={problem ? errorId : undefined} onChange={(e) => setRow(row.key, { label: e.target.value })} className={`${INPUT} font-mono`} />
                    <select aria-label={`Operator of matcher ${index + 1}`} value={row.op} onChange={(e) => setRow(row.key, { op: e.target.value as MatchOp })} className={`${INPUT} font-mono`}>
                      {MATCH_OPS.map((op) => <option key={op} value={op} title={OP_TITLES[op]}>{op}</option>)}
                    </select>
                    <input type="text" aria-label={`Value of matcher ${index + 1}`} value={row.value} placeholder="value" spellCheck={false} autoComplete="off"
                      aria-invalid={problem !== null} aria-describedby={problem ? errorId : undefined} onChange={(e) => setRow(row.key, { value: e.target.value })} className={`${INPUT} font-mono`} />
                    <button type="button" className={SECONDARY_BUTTON} disabled={rows.length === 1} onClick={() => removeRow(row.key)}>
                      Remove<span className="sr-only">{` matcher ${index + 1}`}</span>
                    </button>
                  </div>
                  {problem ? <p id={errorId} className="mt-1 text-xs break-words text-red-700 dark:text-red-300">{problem}</p> : null}
                </li>
              );
            })}
          </ol>
          <button type="button" className={`${SECONDARY_BUTTON} mt-2`} onClick={addRow} disabled={rows.length >= 20}>Add matcher</button>
        </fieldset>

        <fieldset className="min-w-0">
          <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Duration</legend>
          <div className="flex flex-wrap items-center gap-2">
            {SILENCE_DURATIONS.map((choice) => (
              <label key={choice.key} className={`cursor-pointer rounded border px-2.5 py-1 text-sm whitespace-nowrap has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-600 ${duration === choice.key
                ? "border-blue-700 bg-blue-700 text-white dark:border-blue-500 dark:bg-blue-600"
                : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"}`}>
                <input type="radio" name={`${id}-duration`} value={choice.key} checked={duration === choice.key} onChange={() => chooseDuration(choice.key)} className="sr-only" />
                {choice.label}
              </label>
            ))}
          </div>
          {duration === "custom" ? (
            <div className="mt-2 max-w-xs">
              <Field id={`${id}-ends`} label={`Ends at (${time.zoneLabel})`}>
                <input id={`${id}-ends`} type="datetime-local" value={toDateTimeLocal(customEnd, zone)} onChange={(e) => setCustomEnd(fromDateTimeLocal(e.target.value, zone))}
                  aria-invalid={problems.endsAt !== null} aria-describedby={problems.endsAt ? `${id}-ends-error` : undefined} className={INPUT} />
              </Field>
            </div>
          ) : null}
          {problems.endsAt ? <p id={`${id}-ends-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">Ends: {problems.endsAt}</p> : null}
        </fieldset>

        <Field id={`${id}-comment`} label="Comment (required)" hint="Why, and who to ask: it shows with the silence.">
          <textarea id={`${id}-comment`} rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} required
            aria-invalid={problems.comment !== null} aria-describedby={`${id}-comment-hint${problems.comment ? ` ${id}-comment-error` : ""}`} className={INPUT} />
        </Field>
        {problems.comment ? <p id={`${id}-comment-error`} className="-mt-3 text-xs text-red-700 dark:text-red-300">Comment: {problems.comment}</p> : null}

        <MatchPreview matched={matched} />

        {problems.general.length > 0 ? <FormError message={problems.general.join("; ")} /> : null}
        <FormError message={messageOf(create.error)} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={PRIMARY_BUTTON} disabled={create.isPending}>Create silence</button>
          <button type="button" className={SECONDARY_BUTTON} onClick={onCancel} disabled={create.isPending}>Cancel</button>
        </div>
      </form>
    </section>
  );
}

/** Which current alerts the matchers select, so a typo shows before the silence is made. */
function MatchPreview({ matched }: { matched: AlertInstanceDto[] | null }) {
  if (matched === null) return <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="silence-preview">Complete the matchers to see which current alerts they select.</p>;
  return (
    <div className="text-sm" data-testid="silence-preview" aria-live="polite">
      <p className="text-slate-700 dark:text-slate-200">
        {matched.length === 0 ? "Matches no current alert (it will mute matching alerts that fire later)." : `Matches ${matched.length} current alert${matched.length === 1 ? "" : "s"}:`}
      </p>
      {matched.length > 0 ? (
        <ul className="mt-1 list-disc pl-5 text-slate-700 dark:text-slate-200">
          {matched.slice(0, PREVIEW_LIMIT).map((alert) => {
            const entity = entityOf(alert.labels);
            return <li key={alert.fingerprint} className="break-words"><Name text={alert.ruleName} /> on {entity.kind} <Name text={entity.name} /></li>;
          })}
          {matched.length > PREVIEW_LIMIT ? <li>and {matched.length - PREVIEW_LIMIT} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
