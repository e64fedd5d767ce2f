"use client";

import { StatusBadge } from "@/components/ui/states";
import { useClusters } from "@/lib/client/hooks";
import { useTimeFormat } from "@/lib/client/time";
import { describeStaleness } from "./staleness-text";

/** At the top of every page of a cluster: says when its figures are not current, and why. */
export function ClusterStaleBanner({ clusterId }: { clusterId: string }) {
  const clusters = useClusters();
  const { formatTime, zoneLabel } = useTimeFormat();
  const cluster = clusters.data?.find((c) => c.id === clusterId);
  if (!cluster) return null;
  const text = describeStaleness(cluster, clusters.dataUpdatedAt, formatTime);
  if (!text) return null;
  return (
    <div role="alert" data-testid="stale-banner" className="mb-4 rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={cluster.status} />
        <span className="font-semibold">{text.headline}</span>
        <span className="text-xs opacity-80">(times in {zoneLabel})</span>
      </div>
      {text.error ? <div className="mt-1 break-words font-mono text-xs" data-testid="stale-banner-error">{text.error}</div> : null}
      {text.hint ? <div className="mt-1 text-xs">{text.hint}</div> : null}
    </div>
  );
}
