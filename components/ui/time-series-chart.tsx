"use client";

import { useState } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, type DotItemDotProps } from "recharts";
import { useTimeFormat } from "@/lib/client/time";
import { computeValueTicks, formatAxisValue, formatValueWithUnit, isolatedPointIndices, maxRowValue, type ChartUnit, type MultiChartRow } from "@/lib/client/chart-data";

export interface ChartSeries {
  key: string;
  label: string;
  /** a mid-tone readable on white and on slate-900 */
  color: string;
}

/** Series colours, each readable in light and dark mode. */
export const CHART_COLORS = { blue: "#3b82f6", amber: "#f59e0b", green: "#22c55e", slate: "#94a3b8", red: "#ef4444", purple: "#a855f7" } as const;

/**
 * Series over the selected range: lines (or stacked areas) that break at gaps, round ticks in the page's
 * time zone (named on the x axis) and in the unit (named on the y axis), tooltips in words.
 * A point with no known neighbour gets a dot; dense series get none.
 */
export function TimeSeriesChart({ rows, series, unit, stacked = false, fromMs, toMs, label }: {
  rows: readonly MultiChartRow[];
  series: readonly ChartSeries[];
  unit: ChartUnit;
  stacked?: boolean;
  fromMs: number;
  toMs: number;
  label: string;
}) {
  const time = useTimeFormat();
  const [width, setWidth] = useState(0);
  const spanMs = toMs - fromMs;
  const xTicks = time.ticks(fromMs, toMs, width > 0 ? Math.max(2, Math.min(8, Math.floor(width / (spanMs > 86_400_000 ? 110 : 80)))) : 5);
  const yTicks = computeValueTicks(maxRowValue(rows, series.map((s) => s.key), stacked), unit);
  const yStep = (yTicks[1] ?? 1) - (yTicks[0] ?? 0);
  const yMax = yTicks[yTicks.length - 1] ?? 1;
  const yWidth = Math.max(...yTicks.map((v) => formatAxisValue(v, unit, yStep).length)) * 7 + 28;
  const data = rows as MultiChartRow[];
  const rowsByTime = new Map(data.map((row) => [row.t, row]));
  return (
    <figure className="w-full" aria-label={label}>
      <div className="h-64 w-full" data-testid="series-chart">
        <ResponsiveContainer width="100%" height="100%" onResize={(w) => setWidth(w)}>
          <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 20, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" scale="time" domain={[fromMs, toMs]} allowDataOverflow ticks={xTicks}
              tickFormatter={(t: number) => time.formatTick(t, spanMs)} fontSize={12}
              label={{ value: `time, ${time.zoneLabel}`, position: "insideBottom", offset: -14, fontSize: 12 }} />
            <YAxis type="number" domain={[0, yMax]} ticks={yTicks} interval={0} allowDecimals={unit !== "messages"}
              tickFormatter={(v: number) => formatAxisValue(v, unit, yStep)} fontSize={12} width={yWidth}
              label={{ value: unit, angle: -90, position: "insideLeft", fontSize: 12, style: { textAnchor: "middle" } }} />
            <Tooltip isAnimationActive={false} content={({ active, label }) => {
              // Found by time, not from recharts' payload: that leaves out null values, and a gap deserves a "no data" tooltip.
              const row = typeof label === "number" ? rowsByTime.get(label) : undefined;
              if (!active || !row) return null;
              return <ChartTooltip row={row} series={series} unit={unit} when={time.formatDateTime(row.t)} />;
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
      {series.length > 1 ? <ChartLegend series={series} stacked={stacked} /> : null}
    </figure>
  );
}

function ChartLegend({ series, stacked }: { series: readonly ChartSeries[]; stacked: boolean }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300" data-testid="chart-legend">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1">
          <span aria-hidden className={stacked ? "inline-block h-3 w-3 rounded-sm" : "inline-block h-0.5 w-4"} style={{ backgroundColor: s.color, opacity: stacked ? 0.8 : 1 }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

function ChartTooltip({ row, series, unit, when }: { row: MultiChartRow; series: readonly ChartSeries[]; unit: ChartUnit; when: string }) {
  return (
    <div className="rounded border border-slate-200 bg-white px-3 py-2 text-xs shadow dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100">
      <div className="mb-1 font-medium">{when}</div>
      {series.map((s) => (
        <div key={s.key} className="flex items-center gap-2">
          <span aria-hidden className="inline-block h-2 w-2 rounded-full" style={{ backgroundColor: s.color }} />
          <span>{s.label}:</span>
          <span className="tabular">{formatValueWithUnit(row[s.key] ?? null, unit)}</span>
        </div>
      ))}
    </div>
  );
}
