import { Suspense, type ReactNode } from "react";
import { Loading } from "@/components/ui/states";
import { Breadcrumbs } from "./breadcrumbs";
import { clusterPath } from "@/lib/util/page-paths";

/** A page of a cluster: breadcrumbs back to the overview and the cluster, then the page's own view. */
export function ClusterPageFrame({ cluster, subject, loading, children }: { cluster: { id: string; name: string }; subject?: string; loading: string; children: ReactNode }) {
  const trail = subject === undefined
    ? [{ label: "Clusters", href: "/" }, { label: cluster.name }]
    : [{ label: "Clusters", href: "/" }, { label: cluster.name, href: clusterPath(cluster.id) }, { label: subject }];
  return (
    <>
      <Breadcrumbs trail={trail} />
      <Suspense fallback={<Loading what={loading} />}>{children}</Suspense>
    </>
  );
}
