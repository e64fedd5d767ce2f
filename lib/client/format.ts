// Client-safe display helpers. Unknown values are shown as "—", never as 0.

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : integer.format(value);
}

export function formatAgo(iso: string | null, nowMs: number): string {
  if (!iso) return "never";
  const seconds = Math.max(0, Math.round((nowMs - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

export const RANGES = [
  { key: "15m", label: "15 min", ms: 15 * 60_000 },
  { key: "1h", label: "1 hour", ms: 3600_000 },
  { key: "6h", label: "6 hours", ms: 6 * 3600_000 },
  { key: "24h", label: "24 hours", ms: 24 * 3600_000 },
  { key: "7d", label: "7 days", ms: 7 * 24 * 3600_000 },
] as const;
export type RangeKey = (typeof RANGES)[number]["key"];

export function parseRange(value: string | null): (typeof RANGES)[number] {
  return RANGES.find((r) => r.key === value) ?? RANGES[1];
}

/** "PT5S" → "5 s", "PT15M" → "15 min", "PT2H" → "2 h", "P1D" → "1 d"; anything else as given. */
export function formatIsoStep(step: string): string {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(step);
  if (!match) return step;
  const [, d, h, m, s] = match;
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`, s && `${s} s`].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : step;
}

/** 0 → "0 s", 75 → "1 min 15 s", 7300 → "2 h 1 min", 200000 → "2 d 7 h"; lower bounds get "≥". */
export function formatDuration(seconds: number | null | undefined, exact = true): string {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.round(seconds);
  const units: [number, string][] = [[86400, "d"], [3600, "h"], [60, "min"], [1, "s"]];
  const parts: string[] = [];
  let rest = s;
  for (const [size, label] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 || (size === 1 && parts.length === 0)) parts.push(`${n} ${label}`);
    rest -= n * size;
    if (parts.length === 2) break;
  }
  return `${exact ? "" : "≥ "}${parts.join(" ")}`;
}

/** Messages per second: two decimals below 10/s, whole numbers above; unknown as "—". */
export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond === null || perSecond === undefined) return "—";
  return perSecond < 10 ? perSecond.toFixed(2) : integer.format(perSecond);
}

/** Bytes in binary units (KiB, MiB, GiB…); "—" when unknown. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A 0–1 share as a percentage; "—" when unknown. */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? "—" : `${Math.round(share * 100)} %`;
}
