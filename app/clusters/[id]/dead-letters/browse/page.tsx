import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeadLetterBrowser } from "@/components/dlq/dead-letter-browser";
import { ClusterPageFrame } from "@/components/layout/cluster-page-frame";
import { requirePage } from "@/lib/auth/page-session";
import { authorize } from "@/lib/auth/roles";
import { findPageCluster } from "@/lib/store/page-subjects";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const cluster = findPageCluster((await params).id);
  return { title: cluster ? `Dead letters · ${cluster.name}` : "Unknown cluster" };
}

export default async function DeadLetterBrowsePage({ params }: Props) {
  const { session } = await requirePage("read");
  const cluster = findPageCluster((await params).id);
  if (!cluster) notFound();
  return (
    <ClusterPageFrame cluster={cluster} subject="Dead letters" loading="dead letters">
      <DeadLetterBrowser clusterId={cluster.id} canAct={authorize(session.principal, "dlq:act") === "ok"} />
    </ClusterPageFrame>
  );
}
