import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TopicView } from "@/components/kafka/topic-view";
import { ClusterPageFrame } from "@/components/layout/cluster-page-frame";
import { topicExists } from "@/lib/kafka/store/page-subjects";
import { findExisting, findPageCluster, segmentReadings } from "@/lib/store/page-subjects";

type Props = { params: Promise<{ id: string; topic: string }> };

async function subjectOf({ params }: Props) {
  const { id, topic: segment } = await params;
  const cluster = findPageCluster(id);
  const topic = cluster && (await findExisting(segmentReadings(segment), (t) => topicExists(cluster.id, t)));
  return cluster && topic !== null ? { cluster, topic } : null;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const subject = await subjectOf(props);
  return { title: subject ? `${subject.topic} · ${subject.cluster.name}` : "Unknown topic" };
}

export default async function TopicPage(props: Props) {
  const subject = await subjectOf(props);
  if (!subject) notFound();
  const { cluster, topic } = subject;
  return (
    <ClusterPageFrame cluster={cluster} subject={topic} loading="topic">
      <TopicView clusterId={cluster.id} topic={topic} />
    </ClusterPageFrame>
  );
}
