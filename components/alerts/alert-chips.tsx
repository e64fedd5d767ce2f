"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { Name } from "@/components/ui/name";
import { useTimeFormat } from "@/lib/client/time";
import { entityLabelsOf, formatRelative, silenceHref } from "./alert-filters";

/** Chip colours per state; light and dark both readable. "inactive" is OK (a history row's "to" of a resolve). */
const STATE_CHIPS: Record<string, { label: string; className: string }> = {
  firing: { label: "firing", className: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100" },
  error: { label: "error", className: "bg-orange-100 text-orange-900 dark:bg-orange-900 dark:text-orange-100" },
  nodata: { label: "no data", className: "bg-purple-100 text-purple-900 dark:bg-purple-900 dark:text-purple-100" },
  pending: { label: "pending", className: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100" },
  resolved: { label: "resolved", className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100" },
  inactive: { label: "ok", className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100" },
};
const UNKNOWN_CHIP = "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100";

/** The solid colours of the history bands (and their legend), per state. */
export const STATE_BAND_COLORS: Record<string, string> = {
  firing: "bg-red-600 dark:bg-red-500",
  error: "bg-orange-500 dark:bg-orange-400",
  nodata: "bg-purple-500 dark:bg-purple-400",
  pending: "bg-amber-400 dark:bg-amber-300",
};

export const stateLabel = (state: string): string => STATE_CHIPS[state]?.label ?? state;

export function AlertStateChip({ state }: { state: string }) {
  const chip = STATE_CHIPS[state];
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${chip?.className ?? UNKNOWN_CHIP}`} data-testid="alert-state" data-state={state}>
      {chip?.label ?? state}
    </span>
  );
}

const SEVERITY_CHIPS: Record<string, string> = {
  critical: "border-red-300 text-red-800 dark:border-red-700 dark:text-red-200",
  warning: "border-amber-400 text-amber-900 dark:border-amber-600 dark:text-amber-200",
  info: "border-blue-300 text-blue-800 dark:border-blue-700 dark:text-blue-200",
};

export function SeverityChip({ severity }: { severity: string }) {
  if (severity === "") return null;
  return (
    <span className={`inline-block rounded border px-1.5 py-px text-xs whitespace-nowrap ${SEVERITY_CHIPS[severity] ?? "border-slate-300 text-slate-700 dark:border-slate-600 dark:text-slate-200"}`} data-testid="severity">
      {severity}
    </span>
  );
}

/** "silenced", linking to the (first) silence that mutes it. */
export function SilencedBadge({ silencedBy }: { silencedBy: readonly string[] }) {
  const [first] = silencedBy;
  if (first === undefined) return null;
  return (
    <Link href={silenceHref(first)} data-testid="silenced"
      title={silencedBy.length === 1 ? "Muted by a silence: open it" : `Muted by ${silencedBy.length} silences: open the first`}
      className="inline-block rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-slate-800 hover:underline dark:bg-slate-700 dark:text-slate-100">
      silenced{silencedBy.length > 1 ? ` ×${silencedBy.length}` : ""}
    </Link>
  );
}

/** An alert's entity labels as `name=value` chips (text, never HTML; long values wrap at separators). */
export function LabelChips({ labels, omit = [] }: { labels: Readonly<Record<string, string>>; omit?: readonly string[] }) {
  const shown = entityLabelsOf(labels).filter(([name]) => !omit.includes(name));
  if (shown.length === 0) return null;
  return (
    <ul className="flex min-w-0 flex-wrap gap-1" aria-label="Labels">
      {shown.map(([name, value]) => (
        <li key={name} className="max-w-full min-w-0 rounded bg-slate-100 px-1.5 py-px font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          <span className="text-slate-600 dark:text-slate-400">{name}=</span><Name text={value} />
        </li>
      ))}
    </ul>
  );
}

/**
 * "5 min ago · Mon 7 Dec, 16:56:16 CET": relative to `nowMs`, and absolute in the page's time zone (on its
 * own line when `stacked`, e.g. in a table cell; only in the tooltip when `absolute` is false).
 */
export function WhenText({ iso, nowMs, absolute = true, stacked = false }: { iso: string | null; nowMs: number; absolute?: boolean; stacked?: boolean }) {
  const time = useTimeFormat();
  if (iso === null) return <span>—</span>;
  const ms = Date.parse(iso);
  const full = time.formatDateTime(ms);
  const relative = <time dateTime={iso} title={full} className="whitespace-nowrap">{formatRelative(iso, nowMs)}</time>;
  if (!absolute) return relative;
  if (stacked) {
    return (
      <span className="flex flex-col">
        {relative}
        <span className="whitespace-nowrap text-slate-600 dark:text-slate-400">{full}</span>
      </span>
    );
  }
  return (
    <span>
      {relative}
      <span className="text-slate-600 dark:text-slate-400"> · <span className="whitespace-nowrap">{full}</span></span>
    </span>
  );
}

const noSubscription = () => () => {};

/**
 * The page's time zone ("local (CET)", "UTC"), written only in the browser: the server does not know the
 * visitor's zone, and a different text in the server's HTML would be a hydration mismatch.
 */
export function ZoneLabel() {
  const time = useTimeFormat();
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  return <span data-testid="zone-label">{hydrated ? time.zoneLabel : time.zone === "UTC" ? "UTC" : "local time"}</span>;
}
