"use client";

import { useState } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type DotItemDotProps } from "recharts";
import { useTimeFormat } from "@/lib/client/time";
import {
  chartTooltipNote, formatAxisValue, formatValueWithUnit, isolatedPointIndices, spansInRange, valueAxisTicks,
  type ChartSpans, type ChartThreshold, type ChartUnit, type MultiChartRow,
} from "@/lib/client/chart-data";

export interface ChartSeries {
  key: string;
  label: string;
  /** a mid-tone readable on white and on slate-900 */
  color: string;
}

/** Series colours, each readable in light and dark mode. */
export const CHART_COLORS = { blue: "#3b82f6", amber: "#f59e0b", green: "#22c55e", slate: "#94a3b8", red: "#ef4444", purple: "#a855f7" } as const;

/** The threshold line and the shaded spans; no series uses it. */
const THRESHOLD_COLOR = CHART_COLORS.red;

/**
 * Series over the selected range: lines (or stacked areas) that break at gaps, round ticks in the page's
 * time zone (named on the x axis) and in the unit (named on the y axis), tooltips in words.
 * A point with no known neighbour gets a dot; dense series get none.
 * Optionally a threshold as a dashed line (the y axis always reaches it) and spans shaded behind the series
 * (e.g. when an alert rule fired), both in the legend and in the tooltip.
 */
export function TimeSeriesChart({ rows, series, unit, stacked = false, fromMs, toMs, label, axisLabel = unit, formatValue, threshold, spans, testId = "series-chart" }: {
  rows: readonly MultiChartRow[];
  series: readonly ChartSeries[];
  unit: ChartUnit;
  stacked?: boolean;
  fromMs: number;
  toMs: number;
  label: string;
  /** the y axis's name; the unit by default */
  axisLabel?: string;
  /** a value as the tooltip states it; in the unit by default */
  formatValue?: (value: number | null) => string;
  threshold?: ChartThreshold;
  spans?: ChartSpans;
  testId?: string;
}) {
  const time = useTimeFormat();
  const [width, setWidth] = useState(0);
  const spanMs = toMs - fromMs;
  const xTicks = time.ticks(fromMs, toMs, width > 0 ? Math.max(2, Math.min(8, Math.floor(width / (spanMs > 86_400_000 ? 110 : 80)))) : 5);
  const yTicks = valueAxisTicks(rows, series.map((s) => s.key), unit, stacked, threshold?.value);
  const yStep = (yTicks[1] ?? 1) - (yTicks[0] ?? 0);
  const yWidth = Math.max(...yTicks.map((v) => formatAxisValue(v, unit, yStep).length)) * 7 + 28;
  const data = rows as MultiChartRow[];
  const rowsByTime = new Map(data.map((row) => [row.t, row]));
  const valueText = formatValue ?? ((value: number | null) => formatValueWithUnit(value, unit));
  return (
    <figure className="w-full" aria-label={label}>
      <div className="h-64 w-full" data-testid={testId}>
        <ResponsiveContainer width="100%" height="100%" onResize={(w) => setWidth(w)}>
          <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 20, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" scale="time" domain={[fromMs, toMs]} allowDataOverflow ticks={xTicks}
              tickFormatter={(t: number) => time.formatTick(t, spanMs)} fontSize={12}
              label={{ value: `time, ${time.zoneLabel}`, position: "insideBottom", offset: -14, fontSize: 12 }} />
            {/* Without a threshold the ticks start at 0 (the axis every page has); with one they may start below. */}
            <YAxis type="number" domain={[yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1]} ticks={yTicks} interval={0} allowDecimals={unit !== "messages"}
              allowDataOverflow={threshold !== undefined}
              tickFormatter={(v: number) => formatAxisValue(v, unit, yStep)} fontSize={12} width={yWidth}
              label={{ value: axisLabel, angle: -90, position: "insideLeft", fontSize: 12, style: { textAnchor: "middle" } }} />
            {spans ? spansInRange(spans.spans, fromMs, toMs).map((span) => (
              <ReferenceArea key={span.startMs} x1={span.startMs} x2={span.endMs} fill={THRESHOLD_COLOR} fillOpacity={0.12} strokeOpacity={0} ifOverflow="hidden" />
            )) : null}
            {threshold ? <ReferenceLine y={threshold.value} stroke={THRESHOLD_COLOR} strokeDasharray="6 4" strokeWidth={1.5} ifOverflow="extendDomain" /> : null}
            <Tooltip isAnimationActive={false} content={({ active, label }) => {
              // Found by time, not from recharts' payload: that leaves out null values, and a gap deserves a "no data" tooltip.
              const row = typeof label === "number" ? rowsByTime.get(label) : undefined;
              if (!active || !row) return null;
              return <ChartTooltip row={row} series={series} formatValue={valueText} when={time.formatDateTime(row.t)} note={chartTooltipNote(row.t, threshold, spans)} />;
            }} />
            {series.map((s) => {
              const isolated = isolatedPointIndices(data, s.key);
              const dot = (props: DotItemDotProps) => isolated.has(props.index) && props.cx !== undefined && props.cy !== undefined
                ? <circle key={props.index} cx={props.cx} cy={props.cy} r={2.5} fill={s.color} />
                : null;
              return stacked ? (
                // Stacked areas have no outline: a line on top of another series' area would carry the wrong colour.
                <Area key={s.key} type="linear" dataKey={s.key} name={s.label} stackId="stack" stroke="none" fill={s.color} fillOpacity={0.6}
                  dot={dot} activeDot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />
              ) : (
                <Line key={s.key} type="linear" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2}
                  dot={dot} activeDot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />
              );
            })}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {series.length > 1 || threshold !== undefined || (spans?.spans.length ?? 0) > 0 ? <ChartLegend series={series} stacked={stacked} threshold={threshold} spans={spans} /> : null}
    </figure>
  );
}

function ChartLegend({ series, stacked, threshold, spans }: { series: readonly ChartSeries[]; stacked: boolean; threshold: ChartThreshold | undefined; spans: ChartSpans | undefined }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300" data-testid="chart-legend">
      {series.map((s) => (
        <li key={s.key} className="flex min-w-0 items-center gap-1">
          <span aria-hidden className={stacked ? "inline-block h-3 w-3 shrink-0 rounded-sm" : "inline-block h-0.5 w-4 shrink-0"} style={{ backgroundColor: s.color, opacity: stacked ? 0.8 : 1 }} />
          {/* A name longer than the chart is wide wraps, at its spaces if it can. */}
          <span className="wrap-anywhere">{s.label}</span>
        </li>
      ))}
      {threshold ? (
        <li className="flex items-center gap-1">
          <span aria-hidden className="inline-block w-4 shrink-0 border-t-2 border-dashed" style={{ borderColor: THRESHOLD_COLOR }} />
          {threshold.legend}
        </li>
      ) : null}
      {spans && spans.spans.length > 0 ? (
        <li className="flex items-center gap-1">
          <span aria-hidden className="inline-block h-3 w-4 shrink-0" style={{ backgroundColor: THRESHOLD_COLOR, opacity: 0.25 }} />
          {spans.legend}
        </li>
      ) : null}
    </ul>
  );
}

function ChartTooltip({ row, series, formatValue, when, note }: { row: MultiChartRow; series: readonly ChartSeries[]; formatValue: (value: number | null) => string; when: string; note: string | null }) {
  return (
    <div className="rounded border border-slate-200 bg-white px-3 py-2 text-xs shadow dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100">
      <div className="mb-1 font-medium">{when}</div>
      {series.map((s) => (
        <div key={s.key} className="flex items-start gap-2">
          <span aria-hidden className="mt-1 inline-block h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: s.color }} />
          <span className="wrap-anywhere">{s.label}:</span>
          <span className="tabular whitespace-nowrap">{formatValue(row[s.key] ?? null)}</span>
        </div>
      ))}
      {note === null ? null : <div className="mt-1 text-slate-600 dark:text-slate-300">{note}</div>}
    </div>
  );
}
