"use client";

import Link from "next/link";
import { ConsumerGroupsView } from "@/components/lag/consumer-groups-view";
import { QueuesView } from "@/components/rabbitmq/queues-view";
import { ErrorState, Loading } from "@/components/ui/states";
import type { ClusterDto } from "@/lib/api/types";
import { useClusters } from "@/lib/client/hooks";
import { deadLettersPath } from "@/lib/util/page-paths";

/** The view the cluster's kind opens with (its capabilities' mainView): consumer groups, or queues and nodes. */
export function ClusterView({ clusterId }: { clusterId: string }) {
  const clusters = useClusters();
  if (clusters.isPending) return <Loading what="cluster" />;
  if (clusters.isError) return <ErrorState error={clusters.error} what="cluster" />;
  const cluster = clusters.data.find((c) => c.id === clusterId);
  if (!cluster) return <ErrorState error={new Error(`no cluster "${clusterId}" is configured`)} what="cluster" />;
  return (
    <>
      <nav aria-label="More of this cluster" className="mb-3 text-sm">
        <Link className="text-blue-700 hover:underline dark:text-blue-300" href={deadLettersPath(clusterId)} data-testid="dead-letters-link">Dead letters</Link>
      </nav>
      <MainView cluster={cluster} updatedAt={clusters.dataUpdatedAt} />
    </>
  );
}

function MainView({ cluster, updatedAt }: { cluster: ClusterDto; updatedAt: number }) {
  switch (cluster.capabilities.mainView) {
    case "consumer-groups": return <ConsumerGroupsView clusterId={cluster.id} />;
    case "queues": return <QueuesView cluster={cluster} updatedAt={updatedAt} />;
    default: return <ErrorState error={new Error(`this page cannot show a cluster's ${cluster.capabilities.mainView} yet`)} what="cluster" />;
  }
}
