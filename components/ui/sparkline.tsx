import type { TimePoint } from "@/lib/store/buckets";
import { sparklinePath } from "@/lib/client/chart-data";

const WIDTH = 96;
const HEIGHT = 22;

/** A small trend line for a table row; gaps stay gaps; `label` names it for screen readers. */
export function Sparkline({ points, fromMs, toMs, label }: { points: readonly TimePoint[] | undefined; fromMs: number; toMs: number; label: string }) {
  const d = points ? sparklinePath(points, fromMs, toMs, WIDTH, HEIGHT) : "";
  return (
    <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={d ? label : `${label}: no data`} className="block text-blue-600 dark:text-blue-400" data-testid="sparkline">
      <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="stroke-slate-200 dark:stroke-slate-700" strokeWidth={1} />
      {d ? <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" /> : null}
    </svg>
  );
}
