"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { INPUT, SECONDARY_BUTTON } from "@/components/auth/form-ui";
import { Name } from "@/components/ui/name";
import { ErrorState, Loading, PageTitle } from "@/components/ui/states";
import type { AlertInstanceDto } from "@/lib/alerts/alert-dto";
import { useAlerts } from "@/lib/client/alert-hooks";
import { useClusters } from "@/lib/client/hooks";
import { useTimeFormat } from "@/lib/client/time";
import { useUrlState } from "@/lib/client/use-url-state";
import { AlertStateChip, LabelChips, SeverityChip, SilencedBadge, WhenText, ZoneLabel } from "./alert-chips";
import {
  ALERT_SECTIONS, alertFiltersFromParams, alertSections, countByState, entityOf, filterAlerts, formatAlertValue, historyHref, identifyingMatchers,
  newSilenceHref, safeHttpUrl, sinceOf, type AlertFilters, type AlertSection, type RuleGroup,
} from "./alert-filters";
import { AlertsNav } from "./alerts-nav";

const LINK = "text-blue-700 hover:underline dark:text-blue-300";

/** Every alert that is not OK (and the recently resolved), by state then rule, live; filters live in the URL. */
export function AlertsOverview({ canEdit }: { canEdit: boolean }) {
  const alerts = useAlerts();
  const [params, setParams] = useUrlState();
  const filters = alertFiltersFromParams(params);
  const time = useTimeFormat();
  const answer = alerts.data;
  const nowMs = answer ? Date.parse(answer.at) : 0;

  return (
    <div className="min-w-0">
      <PageTitle title="Alerts" subtitle={
        <span>
          Live, refreshed every 5 s{answer ? <> · as of <span className="tabular">{time.formatTime(nowMs)}</span></> : null} · times in <ZoneLabel />
        </span>
      } />
      <AlertsNav current="alerts" />
      <FilterBar filters={filters} alerts={answer?.alerts} onChange={setParams} />
      {alerts.isPending ? (
        <Loading what="alerts" />
      ) : answer === undefined ? (
        <ErrorState error={alerts.error} what="alerts" />
      ) : (
        <>
          {alerts.isError ? (
            <p role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100" data-testid="alerts-stale">
              Could not refresh the alerts ({alerts.error instanceof Error ? alerts.error.message : String(alerts.error)}): showing them as of {time.formatDateTime(nowMs)}.
            </p>
          ) : null}
          <AlertList alerts={answer.alerts} filters={filters} nowMs={nowMs} canEdit={canEdit} onClear={() => setParams({ state: null, cluster: null, q: null })} />
        </>
      )}
    </div>
  );
}

function AlertList({ alerts, filters, nowMs, canEdit, onClear }: { alerts: AlertInstanceDto[]; filters: AlertFilters; nowMs: number; canEdit: boolean; onClear: () => void }) {
  const time = useTimeFormat();
  if (alerts.length === 0) {
    return (
      <div role="status" className="mb-6 rounded border border-emerald-300 bg-emerald-50 p-6 text-center text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100" data-testid="no-alerts">
        <p className="text-base font-semibold">No alerts</p>
        <p className="mt-1">Nothing is firing, pending, without data or in error on any cluster (checked {time.formatTime(nowMs)}).</p>
      </div>
    );
  }
  const sections = alertSections(filterAlerts(alerts, filters), filters.state);
  if (sections.length === 0) {
    return (
      <div className="mb-6 rounded border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300" data-testid="no-matching-alerts">
        <p>No alert matches these filters ({alerts.length} alert{alerts.length === 1 ? "" : "s"} in all).</p>
        <button type="button" className={`${SECONDARY_BUTTON} mt-2`} onClick={onClear}>Clear filters</button>
      </div>
    );
  }
  return (
    <div className="grid gap-6">
      {sections.map((section) => <Section key={section.state} section={section} nowMs={nowMs} canEdit={canEdit} />)}
    </div>
  );
}

function Section({ section, nowMs, canEdit }: { section: AlertSection; nowMs: number; canEdit: boolean }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="min-w-0" data-testid={`alerts-section-${section.state}`}>
      <h2 id={id} className="mb-2 flex items-center gap-2 text-lg font-medium">
        <AlertStateChip state={section.state} />
        {section.label} <span className="text-sm font-normal text-slate-600 dark:text-slate-300">({section.count})</span>
      </h2>
      <div className="grid gap-3 2xl:grid-cols-2">
        {section.groups.map((group) => <RuleCard key={group.ruleId} group={group} nowMs={nowMs} canEdit={canEdit} />)}
      </div>
    </section>
  );
}

function RuleCard({ group, nowMs, canEdit }: { group: RuleGroup; nowMs: number; canEdit: boolean }) {
  const id = useId();
  const count = group.alerts.length;
  return (
    <article aria-labelledby={id} className="min-w-0 self-start rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" data-testid="alert-rule-group" data-rule={group.ruleName}>
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <h3 id={id} className="font-semibold break-words"><Name text={group.ruleName} /></h3>
        <SeverityChip severity={group.severity} />
        <span className="text-sm text-slate-600 dark:text-slate-300">{count} instance{count === 1 ? "" : "s"}</span>
      </header>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {group.alerts.map((alert) => <AlertRow key={alert.fingerprint} alert={alert} nowMs={nowMs} canEdit={canEdit} />)}
      </ul>
    </article>
  );
}

/** Pages of this site only: the API builds `path`, but it is still data from the server. */
const sitePath = (path: string): string | null => (path.startsWith("/") && !path.startsWith("//") ? path : null);

function AlertRow({ alert, nowMs, canEdit }: { alert: AlertInstanceDto; nowMs: number; canEdit: boolean }) {
  const entity = entityOf(alert.labels);
  const since = sinceOf(alert);
  const href = sitePath(alert.path);
  const runbook = safeHttpUrl(alert.annotations.runbook_url);
  const { summary, description } = alert.annotations;
  const entityText = <><span className="text-slate-600 dark:text-slate-300">{entity.kind} </span><span className="font-medium"><Name text={entity.name} /></span></>;
  return (
    <li className="grid min-w-0 gap-x-4 gap-y-2 px-3 py-2 text-sm sm:grid-cols-[minmax(0,1fr)_auto]" data-testid="alert-row" data-fingerprint={alert.fingerprint}>
      <div className="min-w-0 space-y-1">
        <p className="break-words">
          {href ? <Link href={href} className="hover:underline" data-testid="alert-entity-link">{entityText}</Link> : entityText}
        </p>
        <LabelChips labels={alert.labels} omit={entity.kind === "cluster" ? [] : [entity.kind]} />
        {summary ? <p className="break-words text-slate-800 dark:text-slate-100" data-testid="alert-summary">{summary}</p> : null}
        {description && description !== summary ? <p className="break-words text-xs text-slate-600 dark:text-slate-300">{description}</p> : null}
      </div>
      <div className="flex min-w-0 flex-col gap-1 sm:items-end sm:text-right">
        <p className="text-xs"><span className="text-slate-600 dark:text-slate-300">value </span><span className="tabular font-medium" data-testid="alert-value">{formatAlertValue(alert.value)}</span></p>
        <p className="text-xs"><span className="text-slate-600 dark:text-slate-300">{since.label} </span><WhenText iso={since.iso} nowMs={nowMs} /></p>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 sm:justify-end">
          <SilencedBadge silencedBy={alert.silencedBy} />
          {runbook ? <a href={runbook} target="_blank" rel="noopener noreferrer" className={`text-xs ${LINK}`}>Runbook</a> : null}
          <Link href={historyHref({ fingerprint: alert.fingerprint })} className={`text-xs ${LINK}`}>History<span className="sr-only">{` of ${alert.ruleName} on ${entity.name}`}</span></Link>
          {canEdit && alert.state !== "resolved" ? (
            <Link href={newSilenceHref(identifyingMatchers(alert.labels))} className={`text-xs ${LINK}`} data-testid="silence-alert">
              Silence…<span className="sr-only">{` ${alert.ruleName} on ${entity.name}`}</span>
            </Link>
          ) : null}
        </div>
      </div>
    </li>
  );
}

const TYPING_PAUSE_MS = 300;

/**
 * A text filter kept in the URL: the box shows what is typed at once and writes it to the URL after a
 * pause in typing; a URL changed elsewhere (back button, "Clear filters", a link) replaces the box's text.
 */
function useUrlText(urlValue: string, apply: (value: string) => void): [string, (value: string) => void] {
  const [draft, setDraft] = useState(urlValue);
  const [seen, setSeen] = useState({ url: urlValue, applied: urlValue });
  if (seen.url !== urlValue) {
    setSeen({ url: urlValue, applied: seen.applied });
    if (urlValue !== seen.applied) setDraft(urlValue);
  }
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latestApply = useRef(apply);
  useEffect(() => {
    latestApply.current = apply;
  });
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);
  const change = (value: string) => {
    setDraft(value);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      setSeen((current) => ({ ...current, applied: value.trim() }));
      latestApply.current(value.trim());
    }, TYPING_PAUSE_MS);
  };
  return [draft, change];
}

/** State buttons (with counts once the alerts have loaded), the cluster and a text search. */
function FilterBar({ filters, alerts, onChange }: { filters: AlertFilters; alerts: AlertInstanceDto[] | undefined; onChange: (changes: Record<string, string | null>) => void }) {
  const id = useId();
  const clusters = useClusters();
  const [q, setQ] = useUrlText(filters.q, (value) => onChange({ q: value }));
  const inCluster = alerts === undefined ? undefined : filterAlerts(alerts, { cluster: filters.cluster, q: filters.q });
  const counts = inCluster === undefined ? undefined : countByState(inCluster);
  const clusterIds = [...new Set([...(clusters.data ?? []).map((c) => c.id), ...(alerts ?? []).map((a) => a.clusterId), ...(filters.cluster ? [filters.cluster] : [])])];
  const nameOf = (clusterId: string) => clusters.data?.find((c) => c.id === clusterId)?.name ?? clusterId;
  const stateButton = (state: AlertFilters["state"], label: string, count: number | undefined) => (
    <button key={state || "all"} type="button" aria-pressed={filters.state === state} onClick={() => onChange({ state: state || null })}
      className={`rounded px-2 py-1 text-xs whitespace-nowrap ${filters.state === state ? "bg-blue-700 text-white" : "bg-slate-100 text-slate-800 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700"}`}>
      {label}{count === undefined ? null : <> <span className="tabular">{count}</span></>}
    </button>
  );
  return (
    <form role="search" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}
      className="mb-4 flex flex-wrap items-end gap-x-4 gap-y-3 rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="min-w-0">
        <p id={`${id}-state`} className="mb-1 text-xs font-medium text-slate-700 dark:text-slate-300">State</p>
        <div className="flex min-w-0 flex-wrap gap-1" role="group" aria-labelledby={`${id}-state`}>
          {stateButton("", "All", inCluster?.length)}
          {ALERT_SECTIONS.map((s) => stateButton(s.state, s.label, counts?.[s.state]))}
        </div>
      </div>
      <div className="min-w-0">
        <label htmlFor={`${id}-cluster`} className="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">Cluster</label>
        <select id={`${id}-cluster`} value={filters.cluster} onChange={(e) => onChange({ cluster: e.target.value })} className={`${INPUT} max-w-[16rem]`}>
          <option value="">all clusters</option>
          {clusterIds.map((clusterId) => <option key={clusterId} value={clusterId}>{nameOf(clusterId)}</option>)}
        </select>
      </div>
      <div className="min-w-0 flex-1 basis-48">
        <label htmlFor={`${id}-q`} className="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">Search</label>
        <input id={`${id}-q`} type="search" value={q} placeholder="rule, queue, group, label=value…" maxLength={200} spellCheck={false} autoComplete="off"
          onChange={(e) => setQ(e.target.value)} className={INPUT} />
      </div>
    </form>
  );
}
