"use client";

import { ConsumerGroupsView } from "@/components/lag/consumer-groups-view";
import { QueuesView } from "@/components/rabbitmq/queues-view";
import { ErrorState, Loading } from "@/components/ui/states";
import { useClusters } from "@/lib/client/hooks";

/** The view the cluster's kind opens with (its capabilities' mainView): consumer groups, or queues and nodes. */
export function ClusterView({ clusterId }: { clusterId: string }) {
  const clusters = useClusters();
  if (clusters.isPending) return <Loading what="cluster" />;
  if (clusters.isError) return <ErrorState error={clusters.error} what="cluster" />;
  const cluster = clusters.data.find((c) => c.id === clusterId);
  if (!cluster) return <ErrorState error={new Error(`no cluster "${clusterId}" is configured`)} what="cluster" />;
  switch (cluster.capabilities.mainView) {
    case "consumer-groups": return <ConsumerGroupsView clusterId={clusterId} />;
    case "queues": return <QueuesView cluster={cluster} updatedAt={clusters.dataUpdatedAt} />;
    default: return <ErrorState error={new Error(`this page cannot show a cluster's ${cluster.capabilities.mainView} yet`)} what="cluster" />;
  }
}
