import { Suspense } from "react";
import { ClusterView } from "@/components/clusters/cluster-view";
import { Loading } from "@/components/ui/states";

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<Loading what="cluster" />}>
      <ClusterView clusterId={decodeURIComponent(id)} />
    </Suspense>
  );
}
