import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClusterPageFrame } from "@/components/layout/cluster-page-frame";
import { QueueView } from "@/components/rabbitmq/queue-view";
import { queueExists } from "@/lib/rabbitmq/store/page-subjects";
import { findExisting, findPageCluster, segmentReadings } from "@/lib/store/page-subjects";

type Props = { params: Promise<{ id: string; vhost: string; name: string }> };

async function subjectOf({ params }: Props) {
  const { id, vhost: vhostSegment, name: nameSegment } = await params;
  const cluster = findPageCluster(id);
  const readings = segmentReadings(vhostSegment).flatMap((vhost) => segmentReadings(nameSegment).map((name) => ({ vhost, name })));
  const queue = cluster && (await findExisting(readings, (q) => queueExists(cluster.id, q.vhost, q.name)));
  return cluster && queue ? { cluster, ...queue } : null;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const subject = await subjectOf(props);
  return { title: subject ? `${subject.name} · ${subject.cluster.name}` : "Unknown queue" };
}

export default async function QueuePage(props: Props) {
  const subject = await subjectOf(props);
  if (!subject) notFound();
  const { cluster, vhost, name } = subject;
  return (
    <ClusterPageFrame cluster={cluster} subject={vhost === "/" ? name : `${vhost} · ${name}`} loading="queue">
      <QueueView clusterId={cluster.id} vhost={vhost} name={name} />
    </ClusterPageFrame>
  );
}
