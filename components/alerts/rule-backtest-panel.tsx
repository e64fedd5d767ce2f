"use client";

import { useEffect, useMemo, useState } from "react";
import { SECONDARY_BUTTON } from "@/components/auth/form-ui";
import { DataTable, TableHead } from "@/components/ui/data-table";
import { Name } from "@/components/ui/name";
import { CHART_COLORS } from "@/components/ui/time-series-chart";
import { alertMetric } from "@/lib/alerts/alert-metrics";
import { BACKTEST_RANGES, type BacktestRange } from "@/lib/alerts/backtest/backtest-series";
import type { RuleInput } from "@/lib/alerts/rule-schema";
import { useBacktest, type BacktestDto } from "@/lib/client/alert-rule-hooks";
import { backtestChart, backtestVerdict, entityKey, entityLabel, formatMetricValue, historyStartsLate, verdictText } from "@/lib/client/backtest-view";
import { decodePoints } from "@/lib/api/time-points";
import { formatDuration } from "@/lib/client/format";
import { backtestableRule, type RuleForm } from "@/lib/client/rule-form";
import { useTimeFormat } from "@/lib/client/time";
import { useUrlState } from "@/lib/client/use-url-state";
import { HINT, SECTION } from "./alert-form-ui";
import { ThresholdChart } from "./threshold-chart";

const RANGE_LABELS: Record<BacktestRange, string> = { "1d": "1 day", "7d": "7 days", "30d": "30 days" };
/** Wait this long after the last edit before asking again. */
const DEBOUNCE_MS = 800;
/** Entities drawn (each its own colour; red is the threshold's). */
const CHART_ENTITIES = 5;
const ENTITY_COLORS = [CHART_COLORS.blue, CHART_COLORS.amber, CHART_COLORS.green, CHART_COLORS.purple, CHART_COLORS.slate];
const FIRST_FIRINGS = 10;

const parseRange = (value: string | null): BacktestRange => (BACKTEST_RANGES as readonly string[]).includes(value ?? "") ? (value as BacktestRange) : "1d";

/**
 * The backtest of the rule being edited: re-asked (debounced) whenever the part of the rule that decides
 * when it fires changes and is valid; the range lives in the URL. `runNow` asks at once (and again).
 */
export function useRuleBacktest(form: RuleForm) {
  const [params, setParams] = useUrlState();
  const range = parseRange(params.get("range"));
  const current = useMemo(() => backtestableRule(form), [form]);
  const currentJson = current === null ? "" : JSON.stringify(current);
  const [settled, setSettled] = useState<{ json: string; rule: RuleInput | null }>(() => ({ json: currentJson, rule: current }));
  useEffect(() => {
    if (currentJson === settled.json) return;
    const timer = setTimeout(() => setSettled({ json: currentJson, rule: current }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [current, currentJson, settled.json]);
  const query = useBacktest(settled.rule, range);
  const runNow = () => {
    if (currentJson !== settled.json) setSettled({ json: currentJson, rule: current });
    else void query.refetch();
  };
  return { query, range, setRange: (next: BacktestRange) => setParams({ range: next === "1d" ? null : next }), valid: current !== null, waiting: currentJson !== settled.json, runNow };
}

export type RuleBacktest = ReturnType<typeof useRuleBacktest>;

/** Range buttons, "Run backtest", the verdict, the chart of the top entities with the threshold, and the firings. */
export function RuleBacktestPanel({ backtest, metric }: { backtest: RuleBacktest; metric: string }) {
  const { query, range, setRange, valid, waiting, runNow } = backtest;
  const busy = query.isFetching || (waiting && valid);
  return (
    <section className={SECTION} aria-labelledby="backtest-title" data-testid="backtest-panel">
      <div className="mb-1 flex flex-wrap items-center justify-between gap-2">
        <h2 id="backtest-title" className="font-medium">Backtest</h2>
        <div className="flex flex-wrap items-center gap-2">
          <div className="flex flex-wrap gap-1" role="group" aria-label="Backtest range">
            {BACKTEST_RANGES.map((key) => (
              <button key={key} type="button" onClick={() => setRange(key)} aria-pressed={key === range}
                className={`rounded px-2 py-0.5 text-xs whitespace-nowrap ${key === range ? "bg-blue-700 text-white" : "bg-slate-100 text-slate-800 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700"}`}>
                {RANGE_LABELS[key]}
              </button>
            ))}
          </div>
          <button type="button" className={SECONDARY_BUTTON} onClick={runNow} disabled={!valid || query.isFetching}>Run backtest</button>
        </div>
      </div>
      <p className={`mb-3 ${HINT}`}>What this rule would have done over stored history, replayed with the live evaluator’s state machine. It runs again by itself when the condition changes.</p>
      <p role="status" className="mb-2 min-h-5 text-xs text-slate-600 dark:text-slate-300" data-testid="backtest-status">
        {!valid ? "The backtest runs once the metric, matchers, threshold and durations are valid." : busy ? "Running the backtest…" : ""}
      </p>
      {query.isError ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm break-words text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          The backtest failed: {query.error instanceof Error ? query.error.message : String(query.error)}
        </p>
      ) : query.data ? (
        <div className={query.isPlaceholderData || !valid ? "opacity-60" : ""} aria-busy={busy}>
          <BacktestResult answer={query.data} metric={metric} />
        </div>
      ) : null}
    </section>
  );
}

function BacktestResult({ answer, metric }: { answer: BacktestDto; metric: string }) {
  const time = useTimeFormat();
  const fromMs = Date.parse(answer.from);
  const toMs = Date.parse(answer.to);
  const verdict = backtestVerdict(answer);
  const metricUnit = alertMetric(metric)?.unit ?? "";
  const labelOrder = alertMetric(metric)?.labels ?? [];
  const chart = useMemo(
    () => backtestChart(answer.chart.series.map((s) => ({ labels: s.labels, points: decodePoints(s.points) })), answer.result.firings, toMs, CHART_ENTITIES),
    [answer, toMs],
  );
  const lateStart = useMemo(() => historyStartsLate(answer.chart.series.map((s) => ({ points: decodePoints(s.points) })), fromMs, toMs), [answer, fromMs, toMs]);
  const series = chart.series.map((s, i) => ({ key: s.key, label: entityLabel(s.labels, labelOrder), color: ENTITY_COLORS[i % ENTITY_COLORS.length] ?? CHART_COLORS.blue }));
  return (
    <div className="grid gap-3">
      <p className="text-sm font-medium" data-testid="backtest-verdict">{verdictText(verdict, answer.range)}</p>
      <p className={HINT}>
        {time.formatDateTime(fromMs)} – {time.formatDateTime(toMs)}, one evaluation per {formatDuration(answer.stepSeconds)} ({answer.tier === "1h" ? "hourly" : "per-minute"} history; a <code>for</code> shorter than that counts as one step).
        {lateStart === null ? null : <> Stored history of these entities starts {time.formatDateTime(lateStart)}: nothing is known before.</>}
      </p>
      {chart.series.length > 0 ? (
        <div>
          <h3 className="mb-1 text-sm font-medium">
            {answer.chart.series.length > chart.series.length || verdict.entities > chart.series.length
              ? `The ${chart.series.length} entities that fired longest, of ${verdict.entities}`
              : verdict.entities === 1 ? "The entity" : `All ${verdict.entities} entities`}
          </h3>
          <ThresholdChart rows={chart.rows} series={series} metricUnit={metricUnit} threshold={answer.chart.threshold} op={answer.chart.op} spans={chart.spans}
            fromMs={fromMs} toMs={toMs} label={`${metric} with the threshold over the last ${RANGE_LABELS[answer.range]}`} />
        </div>
      ) : null}
      <FiringsTable answer={answer} metricUnit={metricUnit} labelOrder={labelOrder} />
    </div>
  );
}

function FiringsTable({ answer, metricUnit, labelOrder }: { answer: BacktestDto; metricUnit: string; labelOrder: readonly string[] }) {
  const time = useTimeFormat();
  const [showAll, setShowAll] = useState(false);
  const newestFirst = [...answer.result.firings].reverse();
  const shown = showAll ? newestFirst : newestFirst.slice(0, FIRST_FIRINGS);
  if (newestFirst.length === 0) return null;
  return (
    <div className="min-w-0">
      <h3 className="mb-1 text-sm font-medium">Firings, newest first</h3>
      <DataTable label="Backtest firings" testId="backtest-firings">
        <TableHead columns={["Entity", "Started", "Lasted", "Worst value"]} />
        <tbody>
          {shown.map((firing) => (
            <tr key={`${entityKey(firing.labels)}@${firing.startsAt}`} className="border-b border-slate-100 dark:border-slate-800">
              <td className="max-w-[14rem] min-w-[9rem]" title={Object.entries(firing.labels).map(([k, v]) => `${k}=${v}`).join(", ")}><Name text={entityLabel(firing.labels, labelOrder)} /></td>
              <td className="whitespace-nowrap">{time.formatDateTime(Date.parse(firing.startsAt))}</td>
              <td className="whitespace-nowrap">{formatDuration(firing.durationMs / 1000)}{firing.endsAt === null ? " (still firing)" : ""}</td>
              <td className="tabular whitespace-nowrap">{firing.peak === null ? "no data" : formatMetricValue(firing.peak, metricUnit)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {newestFirst.length > FIRST_FIRINGS ? (
        <button type="button" className={SECONDARY_BUTTON} onClick={() => setShowAll(!showAll)}>
          {showAll ? `Show the newest ${FIRST_FIRINGS}` : `Show all ${newestFirst.length}`}
        </button>
      ) : null}
      {answer.result.firingCount > answer.result.firings.length ? (
        <p className={`mt-1 ${HINT}`}>{(answer.result.firingCount - answer.result.firings.length).toLocaleString("en-US")} later firings are not listed.</p>
      ) : null}
    </div>
  );
}
