// Prometheus-style durations (alert `for`, `keepFiringFor`, silences, grouping; token lifetimes): "30s", "10m", "1h30m", "0s". Pure.
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+)(ms|s|m|h|d|w)/g;

/** Milliseconds, or null when `text` is not a duration (a bare number, a negative, an unknown unit). */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.replace(PART, "") !== "") return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) total += Number(amount) * (UNITS[unit ?? ""] ?? Number.NaN);
  return Number.isFinite(total) ? total : null;
}

/** The shortest Prometheus spelling of a duration: 90_000 → "1m30s", 0 → "0s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  let rest = ms;
  let text = "";
  for (const unit of ["w", "d", "h", "m", "s", "ms"] as const) {
    const size = UNITS[unit] ?? 1;
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}
