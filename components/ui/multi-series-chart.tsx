"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/lib/client/format";
import type { MultiChartRow } from "@/lib/lag/chart-data";

const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

/** Several series over time, stacked (e.g. ready + unacked = depth) or overlaid; gaps stay gaps. */
export function MultiSeriesChart({ rows, series, stacked, label, format = formatCount }: { rows: MultiChartRow[]; series: readonly ChartSeries[]; stacked: boolean; label: string; format?: (value: number | null) => string }) {
  return (
    <div className="h-64 w-full" data-testid="series-chart" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(t: number) => time.format(t)} fontSize={12} />
          <YAxis domain={[0, "auto"]} tickFormatter={(v: number) => format(v)} fontSize={12} width={70} />
          <Tooltip labelFormatter={(t) => new Date(Number(t)).toISOString()} formatter={(v, name) => [format(typeof v === "number" ? v : null), String(name)]} />
          <Legend />
          {series.map((s) => (
            <Area key={s.key} type="stepAfter" dataKey={s.key} name={s.label} stroke={s.color} fill={s.color} fillOpacity={stacked ? 0.35 : 0.08}
              stackId={stacked ? "stack" : undefined} dot={{ r: 2 }} isAnimationActive={false} connectNulls={false} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
