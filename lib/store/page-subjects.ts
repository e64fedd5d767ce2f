import "server-only";
import { cache } from "react";
import { clusterDisplayName } from "@/lib/config/cluster-settings";
import { getConfig } from "@/lib/config/load-config";
import type { ClusterKind } from "@/lib/config/schema";

// What a page needs to know on the server before it renders: whether its subject exists (else the
// page answers 404) and its display name (for the title and breadcrumbs). Cached per request, so
// generateMetadata and the page ask the store once. Whether a kind's subject exists is asked of the
// kind's store (lib/kafka/store/page-subjects.ts, lib/rabbitmq/store/page-subjects.ts).

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
