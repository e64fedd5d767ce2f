"use client";

import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { Field, INPUT, PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/auth/form-ui";
import { ChartPanel } from "@/components/ui/chart-panel";
import { DataTable, TableHead } from "@/components/ui/data-table";
import { Name } from "@/components/ui/name";
import { Empty, ErrorState, Loading, PageTitle } from "@/components/ui/states";
import type { AlertTransitionDto } from "@/lib/alerts/alert-dto";
import { entityPath } from "@/lib/alerts/entity-path";
import { HISTORY_FILTER_KEYS, useAlertHistory, type AlertHistoryFilter, type HistoryFilterKey } from "@/lib/client/alert-hooks";
import { computeAlertSpans, rangeCovering, spanPlacement, SPAN_STATES, type AlertSpan, type AlertTimeline } from "@/lib/client/alert-spans";
import { formatDuration, RANGES, type RangeKey } from "@/lib/client/format";
import { useClusters } from "@/lib/client/hooks";
import { useTimeFormat } from "@/lib/client/time";
import { useUrlState } from "@/lib/client/use-url-state";
import { AlertStateChip, LabelChips, STATE_BAND_COLORS, stateLabel, ZoneLabel } from "./alert-chips";
import { entityOf, formatAlertValue, historyFilterFromParams, historyHref } from "./alert-filters";
import { AlertsNav } from "./alerts-nav";

const LINK = "text-blue-700 hover:underline dark:text-blue-300";
const HISTORY_LIMIT = 500;

const FILTER_FIELDS: { key: Exclude<HistoryFilterKey, "cluster">; label: string; placeholder: string }[] = [
  { key: "group", label: "Consumer group", placeholder: "orders-service" },
  { key: "topic", label: "Topic", placeholder: "payments" },
  { key: "vhost", label: "Virtual host", placeholder: "/" },
  { key: "queue", label: "Queue", placeholder: "orders" },
  { key: "node", label: "Node", placeholder: "rabbit@host" },
  { key: "fingerprint", label: "Alert (fingerprint)", placeholder: "16 hex digits" },
];

/** What the filter selects, in words: "queue orders, virtual host / on prod", "Backlog on queue orders", "every alert". */
function describeFilter(filter: AlertHistoryFilter, newest: AlertTransitionDto | undefined): string {
  if (filter.fingerprint) {
    if (newest === undefined || newest.fingerprint !== filter.fingerprint) return "one alert";
    const entity = entityOf(newest.labels);
    return `${newest.ruleName} on ${entity.kind} ${entity.name}`;
  }
  const parts = [
    filter.group !== undefined && `group ${filter.group}`, filter.topic !== undefined && `topic ${filter.topic}`,
    filter.queue !== undefined && `queue ${filter.queue}`, filter.vhost !== undefined && `virtual host ${filter.vhost}`, filter.node !== undefined && `node ${filter.node}`,
  ].filter((part): part is string => typeof part === "string");
  const where = filter.cluster !== undefined ? ` on ${filter.cluster}` : "";
  return parts.length > 0 ? `${parts.join(", ")}${where}` : filter.cluster !== undefined ? `cluster ${filter.cluster}` : "every alert";
}

/** Without a range in the URL: the shortest that shows every loaded change (they are newest first). */
function fittingRange(transitions: readonly AlertTransitionDto[], nowMs: number): (typeof RANGES)[number] {
  const oldest = transitions[transitions.length - 1];
  return rangeCovering(RANGES, oldest ? Date.parse(oldest.at) : nowMs, nowMs);
}

/** State changes of one alert or one entity: a band per alert over the chosen range, then every change, newest first. */
export function AlertHistory() {
  const [params, setParams] = useUrlState();
  const filter = historyFilterFromParams(params);
  const history = useAlertHistory({ ...filter, limit: HISTORY_LIMIT });
  const chosen = RANGES.find((r) => r.key === params.get("range"));
  const filterKey = HISTORY_FILTER_KEYS.map((key) => filter[key] ?? "").join("\u0000");
  const subject = describeFilter(filter, history.data?.[0]);
  const apply = (next: AlertHistoryFilter) => setParams(Object.fromEntries(HISTORY_FILTER_KEYS.map((key) => [key, next[key]?.trim() || null])));

  return (
    <div className="min-w-0">
      <PageTitle title="Alert history" subtitle={<span>State changes of <span className="break-words" data-testid="history-subject">{subject}</span>, newest first. Times in <ZoneLabel />.</span>} />
      <AlertsNav current="history" />
      <HistoryFilterForm key={filterKey} initial={filter} onApply={apply} />
      {history.isPending ? (
        <Loading what="alert history" />
      ) : history.data === undefined ? (
        <ErrorState error={history.error} what="alert history" />
      ) : history.data.length === 0 ? (
        <Empty>No state changes recorded for {subject}.</Empty>
      ) : (
        <>
          {history.isError ? <ErrorState error={history.error} what="the latest history (showing the last one loaded)" /> : null}
          <Timeline transitions={history.data} toMs={history.dataUpdatedAt} range={chosen ?? fittingRange(history.data, history.dataUpdatedAt)} onRange={(key) => setParams({ range: key })} />
          <TransitionsTable transitions={history.data} limited={history.data.length >= HISTORY_LIMIT} />
        </>
      )}
    </div>
  );
}

function HistoryFilterForm({ initial, onApply }: { initial: AlertHistoryFilter; onApply: (filter: AlertHistoryFilter) => void }) {
  const id = useId();
  const clusters = useClusters();
  const [draft, setDraft] = useState<AlertHistoryFilter>(initial);
  const set = (key: HistoryFilterKey, value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  const clusterIds = [...new Set([...(clusters.data ?? []).map((c) => c.id), ...(initial.cluster ? [initial.cluster] : [])])];
  const any = HISTORY_FILTER_KEYS.some((key) => (initial[key] ?? "") !== "");
  return (
    <form onSubmit={submit} role="search" aria-label="Filter the history" className="mb-4 rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4 2xl:grid-cols-7">
        <Field id={`${id}-cluster`} label="Cluster">
          <select id={`${id}-cluster`} value={draft.cluster ?? ""} onChange={(e) => set("cluster", e.target.value)} className={INPUT}>
            <option value="">any</option>
            {clusterIds.map((clusterId) => <option key={clusterId} value={clusterId}>{clusters.data?.find((c) => c.id === clusterId)?.name ?? clusterId}</option>)}
          </select>
        </Field>
        {FILTER_FIELDS.map((field) => (
          // the fingerprint's 16 digits need the whole row on a phone
          <div key={field.key} className={field.key === "fingerprint" ? "col-span-2 lg:col-span-1" : "min-w-0"}>
            <Field id={`${id}-${field.key}`} label={field.label}>
              <input id={`${id}-${field.key}`} type="search" value={draft[field.key] ?? ""} placeholder={field.placeholder} maxLength={1000} spellCheck={false} autoComplete="off"
                onChange={(e) => set(field.key, e.target.value)} className={`${INPUT} ${field.key === "fingerprint" ? "font-mono" : ""}`} />
            </Field>
          </div>
        ))}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" className={PRIMARY_BUTTON}>Apply filters</button>
        <button type="button" className={SECONDARY_BUTTON} disabled={!any} onClick={() => onApply({})}>Clear filters</button>
        <p className="text-xs text-slate-600 dark:text-slate-300">Names must match exactly. An alert&apos;s “History” link fills in its fingerprint.</p>
      </div>
    </form>
  );
}

const LEGEND = SPAN_STATES.map((state) => ({ state, label: stateLabel(state) }));

function Timeline({ transitions, toMs, range, onRange }: { transitions: AlertTransitionDto[]; toMs: number; range: (typeof RANGES)[number]; onRange: (key: RangeKey) => void }) {
  const time = useTimeFormat();
  const fromMs = toMs - range.ms;
  const timelines = computeAlertSpans(transitions, fromMs, toMs);
  const shown = timelines.filter((t) => t.spans.length > 0);
  const ticks = time.ticks(fromMs, toMs, 5);
  return (
    <ChartPanel title="How long each alert was pending or firing" range={range.key} onRange={onRange}>
      <ul className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-200" aria-label="Legend">
        {LEGEND.map(({ state, label }) => (
          <li key={state} className="flex items-center gap-1.5"><span className={`inline-block h-3 w-3 rounded-sm ${STATE_BAND_COLORS[state] ?? ""}`} aria-hidden="true" />{label}</li>
        ))}
        <li className="flex items-center gap-1.5"><span className="inline-block h-3 w-3 rounded-sm bg-slate-100 ring-1 ring-slate-300 dark:bg-slate-800 dark:ring-slate-600" aria-hidden="true" />ok, or not known</li>
      </ul>
      {shown.length === 0 ? (
        <p className="py-4 text-center text-sm text-slate-600 dark:text-slate-300" data-testid="timeline-empty">
          No alert was pending, firing, without data or in error in the last {range.label}{timelines.length > 0 ? " (older changes are listed below)" : ""}.
        </p>
      ) : (
        <div className="grid gap-x-4 gap-y-3 sm:grid-cols-[minmax(10rem,18rem)_minmax(0,1fr)]" data-testid="timeline">
          {shown.map((timeline) => <TimelineRow key={timeline.fingerprint} timeline={timeline} fromMs={fromMs} toMs={toMs} />)}
          <div className="hidden sm:block" aria-hidden="true" />
          <div className="relative h-5 text-xs text-slate-600 dark:text-slate-300" aria-hidden="true">
            {ticks.map((tick) => {
              const pct = ((tick - fromMs) / (toMs - fromMs)) * 100;
              const align = pct < 8 ? "" : pct > 92 ? "-translate-x-full" : "-translate-x-1/2";
              return <span key={tick} className={`absolute top-0 whitespace-nowrap ${align}`} style={{ left: `${pct}%` }}>{time.formatTick(tick, range.ms)}</span>;
            })}
          </div>
        </div>
      )}
    </ChartPanel>
  );
}

function spanText(span: AlertSpan, formatDateTime: (ms: number) => string): string {
  const from = span.clippedStart ? `before ${formatDateTime(span.startMs)}` : formatDateTime(span.startMs);
  const to = span.ongoing ? "now" : formatDateTime(span.endMs);
  return `${stateLabel(span.state)} from ${from} to ${to} (${formatDuration((span.endMs - span.startMs) / 1000, !span.clippedStart)})`;
}

function TimelineRow({ timeline, fromMs, toMs }: { timeline: AlertTimeline; fromMs: number; toMs: number }) {
  const time = useTimeFormat();
  const entity = entityOf(timeline.labels);
  const totals = SPAN_STATES.filter((state) => timeline.totals[state] > 0).map((state) => `${stateLabel(state)} ${formatDuration(timeline.totals[state] / 1000)}`);
  return (
    <>
      <div className="min-w-0 text-sm">
        <Link href={historyHref({ fingerprint: timeline.fingerprint })} className={`font-medium break-words ${LINK}`}><Name text={timeline.ruleName} /></Link>
        <span className="text-slate-600 dark:text-slate-300"> · {entity.kind} </span><Name text={entity.name} />
      </div>
      <div className="min-w-0" data-testid="timeline-band">
        <div className="relative h-5 overflow-hidden rounded bg-slate-100 ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700" role="img" aria-label={`${timeline.ruleName} on ${entity.name}: ${totals.join(", ")}`}>
          {timeline.spans.map((span) => {
            const { leftPct, widthPct } = spanPlacement(span, fromMs, toMs);
            return <span key={`${span.state}-${span.startMs}`} className={`absolute inset-y-0 min-w-[2px] ${STATE_BAND_COLORS[span.state] ?? ""}`} style={{ left: `${leftPct}%`, width: `${widthPct}%` }}
              title={spanText(span, time.formatDateTime)} data-state={span.state} />;
          })}
        </div>
        <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-300">{totals.join(" · ")}</p>
      </div>
    </>
  );
}

function TransitionsTable({ transitions, limited }: { transitions: AlertTransitionDto[]; limited: boolean }) {
  const time = useTimeFormat();
  return (
    <section aria-labelledby="history-changes-title" className="min-w-0">
      <h2 id="history-changes-title" className="mb-2 font-medium">State changes <span className="text-sm font-normal text-slate-600 dark:text-slate-300">({transitions.length}{limited ? ", the newest only" : ""})</span></h2>
      <DataTable label="State changes" testId="history-table">
        <TableHead columns={["Time", "Alert", "Change", "Value", "Labels"]} />
        <tbody>
          {transitions.map((t, i) => {
            const entity = entityOf(t.labels);
            return (
              <tr key={`${t.fingerprint}-${t.at}-${i}`} className="border-b border-slate-100 dark:border-slate-800" data-testid="history-row">
                <td className="min-w-[6.5rem] tabular sm:whitespace-nowrap" title={t.at}>{time.formatDateTime(Date.parse(t.at))}</td>
                <td className="max-w-[16rem] min-w-[10rem]">
                  <Link href={historyHref({ fingerprint: t.fingerprint })} className={`font-medium break-words ${LINK}`}><Name text={t.ruleName} /></Link>
                  <div className="text-xs break-words">
                    <span className="text-slate-600 dark:text-slate-300">{entity.kind} </span>
                    <Link href={entityPath(t.labels)} className="hover:underline"><Name text={entity.name} /></Link>
                  </div>
                </td>
                <td className="relative whitespace-nowrap"><AlertStateChip state={t.from} /> <span aria-hidden="true">→</span><span className="sr-only">to</span> <AlertStateChip state={t.to} /></td>
                <td className="tabular">{formatAlertValue(t.value)}</td>
                <td className="min-w-[14rem]"><LabelChips labels={t.labels} /></td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
    </section>
  );
}
