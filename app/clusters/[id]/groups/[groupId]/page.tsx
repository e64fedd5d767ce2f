import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClusterPageFrame } from "@/components/layout/cluster-page-frame";
import { ConsumerGroupView } from "@/components/lag/consumer-group-view";
import { consumerGroupExists } from "@/lib/kafka/store/page-subjects";
import { findExisting, findPageCluster, segmentReadings } from "@/lib/store/page-subjects";

type Props = { params: Promise<{ id: string; groupId: string }> };

async function subjectOf({ params }: Props) {
  const { id, groupId } = await params;
  const cluster = findPageCluster(id);
  const group = cluster && (await findExisting(segmentReadings(groupId), (g) => consumerGroupExists(cluster.id, g)));
  return cluster && group !== null ? { cluster, group } : null;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const subject = await subjectOf(props);
  return { title: subject ? `${subject.group} · ${subject.cluster.name}` : "Unknown consumer group" };
}

export default async function GroupPage(props: Props) {
  const subject = await subjectOf(props);
  if (!subject) notFound();
  const { cluster, group } = subject;
  return (
    <ClusterPageFrame cluster={cluster} subject={group} loading="consumer group">
      <ConsumerGroupView clusterId={cluster.id} groupId={group} />
    </ClusterPageFrame>
  );
}
