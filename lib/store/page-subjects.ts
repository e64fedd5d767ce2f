import "server-only";
import { cache } from "react";
import { clusterDisplayName } from "@/lib/config/cluster-name";
import { getConfig } from "@/lib/config/load-config";
import type { ClusterKind } from "@/lib/config/schema";
import { getPrisma } from "@/lib/db/prisma";
import { groupHasHistory } from "./query-group-lag";

// What a page needs to know on the server before it renders: whether its subject exists (else the
// page answers 404) and its display name (for the title and breadcrumbs). Cached per request, so
// generateMetadata and the page ask the store once.

export interface PageCluster {
  id: string;
  name: string;
  kind: ClusterKind;
}

/** The configured cluster a route segment names, or null when no cluster has that id. */
export const findPageCluster = cache((segment: string): PageCluster | null => {
  const ids = segmentReadings(segment);
  const cluster = getConfig().clusters.find((c) => ids.includes(c.id));
  return cluster ? { id: cluster.id, name: clusterDisplayName(cluster), kind: cluster.kind } : null;
});

/** A group of the latest poll, or one that has gone but still has lag history to show. */
export const consumerGroupExists = cache(async (clusterId: string, groupId: string): Promise<boolean> => {
  const db = getPrisma();
  const row = await db.consumerGroup.findUnique({ where: { clusterId_groupId: { clusterId, groupId } }, select: { groupId: true } });
  return row !== null || (await groupHasHistory(db, clusterId, groupId));
});

export const topicExists = cache(async (clusterId: string, name: string): Promise<boolean> => {
  const row = await getPrisma().kafkaTopic.findUnique({ where: { clusterId_name: { clusterId, name } }, select: { name: true } });
  return row !== null;
});

export const queueExists = cache(async (clusterId: string, vhost: string, name: string): Promise<boolean> => {
  const row = await getPrisma().rabbitmqQueue.findUnique({ where: { clusterId_vhost_name: { clusterId, vhost, name } }, select: { name: true } });
  return row !== null;
});

/**
 * The names a route segment may stand for. Pages get segments percent-encoded, but Next 16.2+ hands
 * generateMetadata the same segment already decoded (vercel/next.js#95343), and a name may itself
 * contain "%2F": try the decoded reading first, then the segment as given.
 */
export function segmentReadings(segment: string): string[] {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return [segment];
  }
  return decoded === segment ? [segment] : [decoded, segment];
}

/** The first reading of the segments for which `exists` holds, or null. */
export async function findExisting<T>(readings: readonly T[], exists: (reading: T) => Promise<boolean>): Promise<T | null> {
  for (const reading of readings) if (await exists(reading)) return reading;
  return null;
}
