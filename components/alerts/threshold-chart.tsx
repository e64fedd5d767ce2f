"use client";

import { TimeSeriesChart, type ChartSeries } from "@/components/ui/time-series-chart";
import type { ComparisonOp } from "@/lib/alerts/rule-schema";
import { backtestSpans, backtestThreshold, chartUnitOf, formatMetricValue, metricAxisLabel, type FiringSpan } from "@/lib/client/backtest-view";
import type { MultiChartRow } from "@/lib/client/chart-data";

/**
 * A metric's history for some entities with the rule's threshold as a dashed line and the spans the rule
 * would have fired in shaded: the shared chart, in the metric's own unit and words.
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
  return (
    <TimeSeriesChart rows={rows} series={series} unit={chartUnitOf(metricUnit)} fromMs={fromMs} toMs={toMs} label={label}
      axisLabel={metricAxisLabel(metricUnit)} formatValue={(value) => formatMetricValue(value, metricUnit)}
      threshold={backtestThreshold(threshold, op, metricUnit)} spans={backtestSpans(spans)} testId="threshold-chart" />
  );
}
