import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ClusterStaleBanner } from "@/components/layout/cluster-stale-banner";
import { findPageCluster } from "@/lib/store/page-subjects";
import { requirePage } from "@/lib/auth/page-session";

/** Every page of a cluster: 404 for an unknown cluster, and the stale-data banner on top. */
export default async function ClusterLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  // Checked here as well as in the root layout: a client-side navigation renders this layout without the root one.
  await requirePage("read");
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
