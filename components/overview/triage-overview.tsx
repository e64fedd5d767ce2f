"use client";

import Link from "next/link";
import { clusterPath } from "@/lib/util/page-paths";
import { Empty, ErrorState, Loading, PageTitle, StatusBadge } from "@/components/ui/states";
import type { ClusterOverviewDto, ProblemSeverity } from "@/lib/api/types";
import { formatAgo } from "@/lib/client/format";
import { useOverview } from "@/lib/client/hooks";
import { describeProblem } from "./describe-problem";

const SEVERITY_STYLES: Record<ProblemSeverity, string> = {
  critical: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  warning: "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-100",
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function watched({ counts }: ClusterOverviewDto): string {
  const parts = [
    counts.groups > 0 && plural(counts.groups, "group"), counts.topics > 0 && plural(counts.topics, "topic"),
    counts.queues > 0 && plural(counts.queues, "queue"), counts.nodes > 0 && plural(counts.nodes, "node"),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "nothing found yet";
}

function ClusterCard({ overview, nowMs }: { overview: ClusterOverviewDto; nowMs: number }) {
  const { cluster, problems } = overview;
  return (
    <section className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid={`cluster-${cluster.id}`} aria-labelledby={`cluster-title-${cluster.id}`}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id={`cluster-title-${cluster.id}`} className="text-lg font-semibold break-words">
          <Link className="text-blue-700 hover:underline dark:text-blue-300" href={clusterPath(cluster.id)}>{cluster.name}</Link>
        </h2>
        <span className="text-sm text-slate-600 dark:text-slate-300">{cluster.capabilities.label}</span>
        <StatusBadge status={cluster.status} />
        <span className="text-xs text-slate-600 dark:text-slate-300" title={cluster.lastPolledAt ?? undefined}>polled {formatAgo(cluster.lastPolledAt, nowMs)}</span>
      </div>
      {overview.allClear ? (
        <p className="mt-3 text-sm text-emerald-800 dark:text-emerald-200" data-testid="all-clear">
          <span className="font-semibold">All clear</span> — {watched(overview)}, no problem in the latest poll.
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 dark:divide-slate-800" aria-label={`Problems of ${cluster.name}`}>
          {problems.map((problem, i) => {
            const text = describeProblem(cluster.id, problem, nowMs);
            return (
              <li key={`${problem.kind}-${i}`} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2 text-sm" data-testid="problem" data-kind={problem.kind}>
                <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${SEVERITY_STYLES[problem.severity]}`}>{text.tag}</span>
                <Link className="font-medium break-words text-blue-700 hover:underline dark:text-blue-300" href={text.href}>
                  {text.subject ?? cluster.name}
                </Link>
                <span className="min-w-0 break-words text-slate-700 dark:text-slate-200">{text.detail}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The home page: per cluster, what needs attention first; "All clear" only when nothing does. */
export function TriageOverview() {
  const overview = useOverview();
  return (
    <div>
      <PageTitle title="Overview" subtitle="Problems first, per cluster, from each cluster's latest poll." />
      {overview.isPending ? (
        <Loading what="overview" />
      ) : overview.isError ? (
        <ErrorState error={overview.error} what="overview" />
      ) : overview.data.clusters.length === 0 ? (
        <Empty>No clusters configured. Add one under <code>clusters:</code> in queuewatch.yaml and restart.</Empty>
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          {overview.data.clusters.map((c) => <ClusterCard key={c.cluster.id} overview={c} nowMs={overview.dataUpdatedAt} />)}
        </div>
      )}
    </div>
  );
}
