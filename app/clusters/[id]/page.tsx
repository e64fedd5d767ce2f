import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClusterView } from "@/components/clusters/cluster-view";
import { ClusterPageFrame } from "@/components/layout/cluster-page-frame";
import { findPageCluster } from "@/lib/store/page-subjects";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const cluster = findPageCluster((await params).id);
  return { title: cluster?.name ?? "Unknown cluster" };
}

export default async function ClusterPage({ params }: Props) {
  const cluster = findPageCluster((await params).id);
  if (!cluster) notFound();
  return (
    <ClusterPageFrame cluster={cluster} loading="cluster">
      <ClusterView clusterId={cluster.id} />
    </ClusterPageFrame>
  );
}
