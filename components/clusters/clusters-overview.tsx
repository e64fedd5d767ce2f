"use client";

import Link from "next/link";
import { Empty, ErrorState, Loading, PageTitle, StatusBadge } from "@/components/ui/states";
import { formatAgo } from "@/lib/client/format";
import { useClusters } from "@/lib/client/hooks";

export function ClustersOverview() {
  const clusters = useClusters();
  const now = clusters.dataUpdatedAt;
  return (
    <section>
      <PageTitle title="Clusters" subtitle="Every configured cluster with the outcome of its latest poll." />
      {clusters.isPending ? (
        <Loading what="clusters" />
      ) : clusters.isError ? (
        <ErrorState error={clusters.error} what="clusters" />
      ) : clusters.data.length === 0 ? (
        <Empty>No clusters configured. Add one under <code>clusters:</code> in queuewatch.yaml and restart.</Empty>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
            <tr>
              <th className="py-2">Cluster</th>
              <th>Kind</th>
              <th>Status</th>
              <th>Last poll</th>
              <th>Poll time</th>
              <th>Last error</th>
            </tr>
          </thead>
          <tbody>
            {clusters.data.map((cluster) => (
              <tr key={cluster.id} className="border-b border-slate-100 dark:border-slate-900" data-testid={`cluster-${cluster.id}`}>
                <td className="py-2">
                  <Link className="font-medium text-blue-700 hover:underline dark:text-blue-300" href={`/clusters/${encodeURIComponent(cluster.id)}`}>
                    {cluster.name}
                  </Link>
                  <div className="text-xs text-slate-500">{cluster.id}</div>
                </td>
                <td>{cluster.kind === "kafka" ? "Kafka" : "RabbitMQ"}</td>
                <td><StatusBadge status={cluster.status} /></td>
                <td className="tabular" title={cluster.lastPolledAt ?? undefined}>{formatAgo(cluster.lastPolledAt, now)}</td>
                <td className="tabular">{cluster.lastPollDurationMs === null ? "—" : `${cluster.lastPollDurationMs} ms`}</td>
                <td className="max-w-sm truncate text-red-700 dark:text-red-300" title={cluster.lastError ?? undefined}>{cluster.lastError ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
