// The page an alert instance is about: its group, queue or topic, else its cluster. Client-safe, pure.
import { clusterPath, groupPath, queuePath, topicPath } from "@/lib/util/page-paths";

export function entityPath(labels: Readonly<Record<string, string>>): string {
  const { cluster = "", group, vhost, queue, topic } = labels;
  if (group !== undefined) return groupPath(cluster, group);
  if (queue !== undefined && vhost !== undefined) return queuePath(cluster, vhost, queue);
  if (topic !== undefined) return topicPath(cluster, topic);
  return clusterPath(cluster);
}
