"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { DataTable, TableHead } from "@/components/ui/data-table";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import type { AuditEventDto } from "@/lib/api/types";
import { useAuditLog, type AuditFilters } from "@/lib/client/auth-hooks";
import { useTimeFormat, zoneIdOf, type ZoneId } from "@/lib/client/time";
import { useUrlState } from "@/lib/client/use-url-state";
import { AUDIT_RESULTS, auditFiltersFromParams, auditFiltersKey, fromDateTimeLocal, hasAuditFilters, NO_AUDIT_FILTERS, toDateTimeLocal, type TextFilter } from "./audit-filters";
import { Field, INPUT, PRIMARY_BUTTON, SECONDARY_BUTTON } from "./form-ui";

const TYPING_PAUSE_MS = 400;

/** Every sign-in and change, newest first, filtered by what the URL says (so a filtered view can be bookmarked). */
export function AuditLog() {
  const [params, setParams] = useUrlState();
  const time = useTimeFormat();
  const filters = auditFiltersFromParams(params);
  const log = useAuditLog(filters);
  const events = log.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <div className="min-w-0">
      <AuditFilterForm initial={filters} zone={zoneIdOf(time.zone)} zoneLabel={time.zoneLabel}
        onApply={(next) => setParams({ ...next })} />
      {log.isPending ? (
        <Loading what="audit log" />
      ) : log.isError && !log.isFetchNextPageError ? (
        <ErrorState error={log.error} what="audit log" />
      ) : events.length === 0 ? (
        <Empty>{hasAuditFilters(filters) ? "No audit events match these filters." : "No audit events yet: sign-ins and changes will show here."}</Empty>
      ) : (
        <>
          <DataTable label="Audit log" testId="audit-table">
            <caption className="sr-only">Audit log</caption>
            <TableHead columns={["Time", "Actor", "Action", "Target", "Result", "IP", "Message", "Details"]} />
            <tbody>
              {events.map((event) => <AuditRow key={event.id} event={event} />)}
            </tbody>
          </DataTable>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span className="text-slate-600 dark:text-slate-300" data-testid="audit-count">{events.length} event{events.length === 1 ? "" : "s"} shown, newest first.</span>
            {log.hasNextPage ? (
              <button type="button" className={SECONDARY_BUTTON} disabled={log.isFetchingNextPage} aria-busy={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                Older
              </button>
            ) : (
              <span className="text-slate-600 dark:text-slate-300">That is the oldest{hasAuditFilters(filters) ? " matching" : ""} event.</span>
            )}
            {log.isFetchingNextPage ? <span role="status">Loading older events…</span> : null}
          </div>
          {log.isFetchNextPageError ? <div className="mt-3"><ErrorState error={log.error} what="older events" /></div> : null}
        </>
      )}
    </div>
  );
}

/**
 * The filters as the user edits them. Typing waits for a pause before the URL (and so the query) changes;
 * a choice from a list or a date applies at once; "Apply filters" (or Enter) applies what is typed now.
 * `from`/`to` are shown and entered as wall-clock time in the page's time zone.
 */
function AuditFilterForm({ initial, zone, zoneLabel, onApply }: { initial: AuditFilters; zone: ZoneId; zoneLabel: string; onApply: (filters: AuditFilters) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  // A URL that changed without this form applying it (back button, the header's "Audit" link) replaces the draft.
  const urlKey = auditFiltersKey(initial);
  const [synced, setSynced] = useState({ url: urlKey, applied: urlKey });
  if (synced.url !== urlKey) {
    setSynced({ url: urlKey, applied: synced.applied });
    if (urlKey !== synced.applied) setDraft(initial);
  }
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // the latest onApply for a timer set a few renders ago (it reads the URL of its own render)
  const apply = useRef(onApply);
  useEffect(() => {
    apply.current = onApply;
  });
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);

  const applyNow = (next: AuditFilters) => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    setSynced((current) => ({ ...current, applied: auditFiltersKey(next) }));
    apply.current(next);
  };
  const change = (next: AuditFilters, wait: boolean) => {
    setDraft(next);
    if (!wait) return applyNow(next);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => applyNow(next), TYPING_PAUSE_MS);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    applyNow(draft);
  };
  const text = (key: TextFilter, label: string, placeholder: string) => (
    <Field id={`${id}-${key}`} label={label}>
      <input id={`${id}-${key}`} type="search" value={draft[key]} placeholder={placeholder} maxLength={200} spellCheck={false} autoComplete="off"
        onChange={(e) => change({ ...draft, [key]: e.target.value }, true)} className={INPUT} />
    </Field>
  );
  const when = (key: "from" | "to", label: string) => (
    <Field id={`${id}-${key}`} label={label}>
      <input id={`${id}-${key}`} type="datetime-local" value={toDateTimeLocal(draft[key], zone)} aria-describedby={`${id}-zone`}
        onChange={(e) => change({ ...draft, [key]: fromDateTimeLocal(e.target.value, zone) }, false)} className={INPUT} />
    </Field>
  );

  return (
    <form onSubmit={submit} className="mb-4 rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" aria-label="Filters" role="search">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
        {text("actor", "Actor", "user:alice, token:ci")}
        {text("action", "Action", "user.create, login, token.")}
        {text("target", "Target", "user:bob")}
        <Field id={`${id}-result`} label="Result">
          <select id={`${id}-result`} value={draft.result} onChange={(e) => change({ ...draft, result: e.target.value as AuditFilters["result"] }, false)} className={INPUT}>
            <option value="">any</option>
            {AUDIT_RESULTS.map((result) => <option key={result} value={result}>{result}</option>)}
          </select>
        </Field>
        {when("from", "From")}
        {when("to", "To")}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" className={PRIMARY_BUTTON}>Apply filters</button>
        <button type="button" className={SECONDARY_BUTTON} disabled={!hasAuditFilters(draft)} onClick={() => change(NO_AUDIT_FILTERS, false)}>Clear filters</button>
        <p id={`${id}-zone`} className="text-xs text-slate-600 dark:text-slate-300">
          Times in {zoneLabel}. Actor and target match any part; action matches its start (&quot;user.&quot; finds every user change); &quot;To&quot; is exclusive.
        </p>
      </div>
    </form>
  );
}

const RESULT_STYLES: Record<AuditEventDto["result"], string> = {
  ok: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  denied: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  failed: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};

/** A stored before/after value as indented JSON text (never HTML); null when there is none. */
function jsonText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, null, 2) ?? String(value);
}

function AuditRow({ event }: { event: AuditEventDto }) {
  const time = useTimeFormat();
  const before = jsonText(event.before);
  const after = jsonText(event.after);
  return (
    <tr className="border-b border-slate-100 dark:border-slate-800" data-testid="audit-row" data-action={event.action} data-result={event.result}>
      <td className="whitespace-nowrap tabular" title={event.at}>{time.formatDateTime(Date.parse(event.at))}</td>
      <td className="max-w-[14rem] break-words">{event.actor}</td>
      <td className="whitespace-nowrap">{event.action}</td>
      <td className="max-w-[14rem] break-words">{event.target}</td>
      <td><span className={`rounded px-1.5 py-0.5 text-xs font-medium ${RESULT_STYLES[event.result] ?? RESULT_STYLES.failed}`} data-testid="audit-result">{event.result}</span></td>
      <td className="font-mono text-xs whitespace-nowrap">{event.ip ?? "—"}</td>
      <td className="max-w-[20rem] min-w-[10rem] break-words">{event.message ?? "—"}</td>
      <td className="relative min-w-[6rem]">
        <details className="text-xs">
          <summary className="cursor-pointer text-blue-700 hover:underline dark:text-blue-300">Details<span className="sr-only">{` of event ${event.id}`}</span></summary>
          <dl className="mt-2 grid max-w-[32rem] gap-1">
            <dt className="font-medium">Event</dt>
            <dd>#{event.id} · {event.actorKind} · {event.at}</dd>
            <dt className="font-medium">User agent</dt>
            <dd className="break-words">{event.userAgent ?? "—"}</dd>
            <dt className="font-medium">Before</dt>
            <dd>{before === null ? "—" : <pre tabIndex={0} aria-label="Before" className="max-h-64 overflow-auto rounded bg-slate-100 p-2 dark:bg-slate-800">{before}</pre>}</dd>
            <dt className="font-medium">After</dt>
            <dd>{after === null ? "—" : <pre tabIndex={0} aria-label="After" className="max-h-64 overflow-auto rounded bg-slate-100 p-2 dark:bg-slate-800">{after}</pre>}</dd>
          </dl>
        </details>
      </td>
    </tr>
  );
}
