"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartPoint } from "@/lib/lag/chart-data";
import { formatCount } from "@/lib/client/format";

const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** A time-series line chart; gaps (null) stay gaps. `format` renders axis and tooltip values. */
export function LagChart({ points, label, format = formatCount }: { points: ChartPoint[]; label: string; format?: (value: number | null) => string }) {
  return (
    <div className="h-64 w-full" data-testid="series-chart" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(t: number) => time.format(t)} fontSize={12} />
          <YAxis domain={[0, "auto"]} tickFormatter={(v: number) => format(v)} fontSize={12} width={70} />
          <Tooltip labelFormatter={(t) => new Date(Number(t)).toISOString()} formatter={(v) => [format(typeof v === "number" ? v : null), label]} />
          {/* connectNulls=false: a gap in the data stays a gap in the line */}
          <Line type="stepAfter" dataKey="v" stroke="#2563eb" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
