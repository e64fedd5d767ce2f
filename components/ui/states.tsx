"use client";

import type { ReactNode } from "react";
import { Name } from "@/components/ui/name";
import type { ClusterDto } from "@/lib/api/types";
import { useTimeFormat } from "@/lib/client/time";

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="py-8 text-center text-sm text-slate-600 dark:text-slate-300">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="mb-6 rounded border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">{children}</div>;
}

export function ErrorState({ error, what }: { error: unknown; what: string }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="mb-6 rounded border border-red-300 bg-red-50 p-4 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      Could not load {what}: {message}
    </div>
  );
}

export type ClusterFacts = Pick<ClusterDto, "capabilities" | "lastPolledAt" | "lastError" | "lastSuccessAt">;

export interface ClusterProblem {
  /** what is wrong, in a few words */
  title: string;
  /** the collector's own error, when there is one */
  detail: string | null;
  /** what to check or do */
  fix: string;
}

const CREDENTIALS_REJECTED = /\b401\b|rejected the credentials|unauthori[sz]ed|authentication failed|SASL/i;

/**
 * Pure: why a cluster's figures are missing or old, and what to do — or null when its latest poll
 * succeeded. Empty lists use it so "No topics" is only said when the broker really has none.
 */
export function describeClusterProblem(cluster: ClusterFacts): ClusterProblem | null {
  if (cluster.lastPolledAt === null) {
    return { title: "Not reached yet", detail: null, fix: "The collector has not polled this cluster yet: check that it is running (npm run collector, or npm run up) and wait one poll interval." };
  }
  if (cluster.lastError === null) return null;
  if (CREDENTIALS_REJECTED.test(cluster.lastError)) {
    return {
      title: "The broker rejected Queuewatch's credentials",
      detail: cluster.lastError,
      fix: cluster.capabilities.hints.credentialsRejected,
    };
  }
  const { unreachable } = cluster.capabilities.hints;
  return { title: cluster.lastSuccessAt === null ? `${unreachable.title} (never reached)` : unreachable.title, detail: cluster.lastError, fix: unreachable.fix };
}

/**
 * Stands in for a list or panel that has nothing to show because the cluster cannot be polled.
 * `brief`: a later section of the same page, which names the cause and points up instead of repeating it.
 */
export function ClusterProblemState({ problem, what, brief = false }: { problem: ClusterProblem; what: string; brief?: boolean }) {
  if (brief) {
    return (
      <div className="mb-6 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid="cluster-problem">
        No {what}: {problem.title} (see above).
      </div>
    );
  }
  return (
    <div role="alert" className="mb-6 rounded border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid="cluster-problem">
      <p className="font-medium">No {what}: {problem.title}.</p>
      {problem.detail ? <p className="mt-1 break-words">Error: {problem.detail}</p> : null}
      <p className="mt-1">{problem.fix}</p>
    </div>
  );
}

/** "stale · from 16:00:39" next to figures of a cluster whose latest poll failed or is late. */
export function StaleMark({ cluster }: { cluster: Pick<ClusterDto, "stale" | "staleReason" | "lastSuccessAt"> | undefined }) {
  const time = useTimeFormat();
  if (!cluster?.stale) return null;
  const from = cluster.lastSuccessAt ? Date.parse(cluster.lastSuccessAt) : null;
  return (
    <span className="inline-flex items-center gap-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-amber-900 dark:bg-amber-900 dark:text-amber-100" data-testid="stale-mark"
      title={`${cluster.staleReason ?? "stale"}${from === null ? "" : `; figures from ${time.formatDateTime(from)}`}`}>
      stale{from === null ? "" : ` · from ${time.formatTime(from)}`}
    </span>
  );
}

/** Muted text for figures that are not current. */
export const STALE_TEXT = "text-slate-500 italic dark:text-slate-400";

export function StatusBadge({ status }: { status: "up" | "down" | "unknown" }) {
  const styles = {
    up: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
    down: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
    unknown: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  } as const;
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${styles[status]}`}>{status}</span>;
}

export function PageTitle({ title, subtitle }: { title: string; subtitle?: ReactNode }) {
  return (
    <div className="mb-4 min-w-0">
      <h1 className="text-2xl font-semibold"><Name text={title} /></h1>
      {subtitle ? <div className="mt-1 text-sm text-slate-600 dark:text-slate-300">{subtitle}</div> : null}
    </div>
  );
}

const LAG_STATUS_STYLES: Record<string, string> = {
  OK: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  WARN: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  ERR: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  STOP: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  STALL: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  REWIND: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
};

/** Lag status of a group (OK/WARN/ERR/UNKNOWN) or partition (OK/WARN/STOP/STALL/REWIND/UNKNOWN). */
export function LagStatusBadge({ status }: { status: string }) {
  const style = LAG_STATUS_STYLES[status] ?? "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100";
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${style}`} data-testid="lag-status">{status}</span>;
}

/** A small coloured label in a table row (signals such as "DLQ", "no consumers"); tones readable in dark mode. */
export function Badge({ tone, title, children, testId }: { tone: "red" | "amber" | "purple" | "slate"; title?: string; children: ReactNode; testId?: string }) {
  const tones = {
    red: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
    amber: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
    purple: "bg-purple-100 text-purple-900 dark:bg-purple-900 dark:text-purple-100",
    slate: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  } as const;
  return <span className={`rounded px-1.5 py-0.5 whitespace-nowrap ${tones[tone]}`} title={title} data-testid={testId}>{children}</span>;
}

/** A list query's four states: loading, error, empty (`isEmpty`), or its data rendered by `children`. */
export function QueryStates<T>({ query, what, isEmpty, empty, children }: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined };
  what: string;
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError || query.data === undefined) return <ErrorState error={query.error} what={what} />;
  if (isEmpty(query.data)) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}
