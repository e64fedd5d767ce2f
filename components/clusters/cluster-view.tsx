"use client";

import { ConsumerGroupsView } from "@/components/lag/consumer-groups-view";
import { ErrorState, Loading, PageTitle, StatusBadge } from "@/components/ui/states";
import { formatAgo } from "@/lib/client/format";
import { useClusters } from "@/lib/client/hooks";

/** Picks the view for the cluster's kind: consumer groups for Kafka, health for RabbitMQ. */
export function ClusterView({ clusterId }: { clusterId: string }) {
  const clusters = useClusters();
  if (clusters.isPending) return <Loading what="cluster" />;
  if (clusters.isError) return <ErrorState error={clusters.error} what="cluster" />;
  const cluster = clusters.data.find((c) => c.id === clusterId);
  if (!cluster) return <ErrorState error={new Error(`no cluster "${clusterId}" is configured`)} what="cluster" />;
  if (cluster.kind === "kafka") return <ConsumerGroupsView clusterId={clusterId} />;
  return (
    <section>
      <PageTitle title={cluster.name} subtitle={<span className="flex items-center gap-2">RabbitMQ cluster <StatusBadge status={cluster.status} /> last poll {formatAgo(cluster.lastPolledAt, clusters.dataUpdatedAt)}</span>} />
      {cluster.lastError ? <ErrorState error={new Error(cluster.lastError)} what="the management API" /> : null}
      <p className="text-sm text-slate-600">The collector checks that the management API answers. Queue depth, rates and dead-letter topology are not collected yet.</p>
    </section>
  );
}
