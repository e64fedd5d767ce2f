"use client";

import { ConsumerGroupsView } from "@/components/lag/consumer-groups-view";
import { QueuesView } from "@/components/rabbitmq/queues-view";
import { ErrorState, Loading } from "@/components/ui/states";
import { useClusters } from "@/lib/client/hooks";

/** Picks the view for the cluster's kind: consumer groups for Kafka, queues and nodes for RabbitMQ. */
export function ClusterView({ clusterId }: { clusterId: string }) {
  const clusters = useClusters();
  if (clusters.isPending) return <Loading what="cluster" />;
  if (clusters.isError) return <ErrorState error={clusters.error} what="cluster" />;
  const cluster = clusters.data.find((c) => c.id === clusterId);
  if (!cluster) return <ErrorState error={new Error(`no cluster "${clusterId}" is configured`)} what="cluster" />;
  if (cluster.kind === "kafka") return <ConsumerGroupsView clusterId={clusterId} />;
  return <QueuesView cluster={cluster} updatedAt={clusters.dataUpdatedAt} />;
}
