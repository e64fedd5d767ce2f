"use client";

import { useState } from "react";
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type DotItemDotProps } from "recharts";
import type { ChartSeries } from "@/components/ui/time-series-chart";
import type { ComparisonOp } from "@/lib/alerts/rule-schema";
import { breachWords, chartUnitOf, formatMetricValue, thresholdAxisTicks, type FiringSpan } from "@/lib/client/backtest-view";
import { formatAxisValue, isolatedPointIndices, type MultiChartRow } from "@/lib/client/chart-data";
import { useTimeFormat } from "@/lib/client/time";

const THRESHOLD_COLOR = "#ef4444";

/**
 * A metric's history for some entities with the rule's threshold as a dashed line and the spans the rule
 * would have fired in shaded (the TimeSeriesChart pattern: gaps stay gaps, round ticks in the page's zone).
 */
export function ThresholdChart({ rows, series, metricUnit, threshold, op, spans, fromMs, toMs, label }: {
  rows: readonly MultiChartRow[];
  series: readonly ChartSeries[];
  metricUnit: string;
  threshold: number;
  op: ComparisonOp;
  spans: readonly FiringSpan[];
  fromMs: number;
  toMs: number;
  label: string;
}) {
  const time = useTimeFormat();
  const [width, setWidth] = useState(0);
  const unit = chartUnitOf(metricUnit);
  const spanMs = toMs - fromMs;
  const xTicks = time.ticks(fromMs, toMs, width > 0 ? Math.max(2, Math.min(8, Math.floor(width / (spanMs > 86_400_000 ? 110 : 80)))) : 5);
  const values = rows.flatMap((row) => series.map((s) => row[s.key]).filter((v): v is number => typeof v === "number"));
  const yTicks = thresholdAxisTicks(values, threshold, unit);
  const yStep = (yTicks[1] ?? 1) - (yTicks[0] ?? 0);
  const yWidth = Math.max(...yTicks.map((v) => formatAxisValue(v, unit, yStep).length)) * 7 + 28;
  const axisName = metricUnit.length <= 12 ? metricUnit : "value";
  const data = rows as MultiChartRow[];
  const rowsByTime = new Map(data.map((row) => [row.t, row]));
  const condition = `${op} ${formatMetricValue(threshold, metricUnit)}`;
  return (
    <figure className="w-full" aria-label={label}>
      <div className="h-64 w-full" data-testid="threshold-chart">
        <ResponsiveContainer width="100%" height="100%" onResize={(w) => setWidth(w)}>
          <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 20, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" scale="time" domain={[fromMs, toMs]} allowDataOverflow ticks={xTicks}
              tickFormatter={(t: number) => time.formatTick(t, spanMs)} fontSize={12}
              label={{ value: `time, ${time.zoneLabel}`, position: "insideBottom", offset: -14, fontSize: 12 }} />
            <YAxis type="number" domain={[yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1]} ticks={yTicks} interval={0} allowDataOverflow
              tickFormatter={(v: number) => formatAxisValue(v, unit, yStep)} fontSize={12} width={yWidth}
              label={{ value: axisName, angle: -90, position: "insideLeft", fontSize: 12, style: { textAnchor: "middle" } }} />
            {spans.map((span) => (
              <ReferenceArea key={span.startMs} x1={Math.max(fromMs, span.startMs)} x2={Math.min(toMs, span.endMs)} fill={THRESHOLD_COLOR} fillOpacity={0.12} strokeOpacity={0} ifOverflow="hidden" />
            ))}
            <ReferenceLine y={threshold} stroke={THRESHOLD_COLOR} strokeDasharray="6 4" strokeWidth={1.5} ifOverflow="extendDomain" />
            <Tooltip isAnimationActive={false} content={({ active, label: at }) => {
              const row = typeof at === "number" ? rowsByTime.get(at) : undefined;
              if (!active || !row) return null;
              const firing = spans.some((s) => row.t >= s.startMs && row.t < s.endMs);
              return <ThresholdTooltip row={row} series={series} metricUnit={metricUnit} when={time.formatDateTime(row.t)} condition={condition} firing={firing} />;
            }} />
            {series.map((s) => {
              const isolated = isolatedPointIndices(data, s.key);
              const dot = (props: DotItemDotProps) => isolated.has(props.index) && props.cx !== undefined && props.cy !== undefined
                ? <circle key={props.index} cx={props.cx} cy={props.cy} r={2.5} fill={s.color} />
                : null;
              return <Line key={s.key} type="linear" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={dot} activeDot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />;
            })}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300" data-testid="chart-legend">
        {series.map((s) => (
          <li key={s.key} className="flex min-w-0 items-center gap-1">
            <span aria-hidden className="inline-block h-0.5 w-4 shrink-0" style={{ backgroundColor: s.color }} />
            <span className="break-all">{s.label}</span>
          </li>
        ))}
        <li className="flex items-center gap-1">
          <span aria-hidden className="inline-block w-4 shrink-0 border-t-2 border-dashed" style={{ borderColor: THRESHOLD_COLOR }} />
          threshold: fires {breachWords(op)} {formatMetricValue(threshold, metricUnit)}
        </li>
        {spans.length > 0 ? (
          <li className="flex items-center gap-1">
            <span aria-hidden className="inline-block h-3 w-4 shrink-0" style={{ backgroundColor: THRESHOLD_COLOR, opacity: 0.25 }} />
            would have been firing
          </li>
        ) : null}
      </ul>
    </figure>
  );
}

function ThresholdTooltip({ row, series, metricUnit, when, condition, firing }: { row: MultiChartRow; series: readonly ChartSeries[]; metricUnit: string; when: string; condition: string; firing: boolean }) {
  return (
    <div className="max-w-xs rounded border border-slate-200 bg-white px-3 py-2 text-xs shadow dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100">
      <div className="mb-1 font-medium">{when}</div>
      {series.map((s) => (
        <div key={s.key} className="flex items-start gap-2">
          <span aria-hidden className="mt-1 inline-block h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: s.color }} />
          <span className="break-all">{s.label}:</span>
          <span className="tabular whitespace-nowrap">{formatMetricValue(row[s.key] ?? null, metricUnit)}</span>
        </div>
      ))}
      <div className="mt-1 text-slate-600 dark:text-slate-300">rule: {condition}{firing ? " · firing" : ""}</div>
    </div>
  );
}
