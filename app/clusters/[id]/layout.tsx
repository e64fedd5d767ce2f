import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ClusterStaleBanner } from "@/components/layout/cluster-stale-banner";
import { findPageCluster } from "@/lib/store/page-subjects";

/** Every page of a cluster: 404 for an unknown cluster, and the stale-data banner on top. */
export default async function ClusterLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const cluster = findPageCluster(id);
  if (!cluster) notFound();
  return (
    <>
      <ClusterStaleBanner clusterId={cluster.id} />
      {children}
    </>
  );
}
