"use client";

import { useQuery } from "@tanstack/react-query";
import type { ClusterDto, ConsumerGroupDetailDto, ConsumerGroupSummaryDto, LagSeriesDto } from "@/lib/api/types";
import { fetchJson } from "./fetch-json";

const LIVE_MS = 5_000;
const enc = encodeURIComponent;

export const queryKeys = {
  clusters: () => ["clusters"] as const,
  groups: (clusterId: string) => ["clusters", clusterId, "groups"] as const,
  group: (clusterId: string, groupId: string) => ["clusters", clusterId, "groups", groupId] as const,
  groupLag: (clusterId: string, groupId: string, rangeMs: number) => ["clusters", clusterId, "groups", groupId, "lag", rangeMs] as const,
};

export function useClusters() {
  return useQuery({
    queryKey: queryKeys.clusters(),
    queryFn: ({ signal }) => fetchJson<{ clusters: ClusterDto[] }>("/api/v1/clusters", signal).then((r) => r.clusters),
    refetchInterval: LIVE_MS,
  });
}

export function useConsumerGroups(clusterId: string) {
  return useQuery({
    queryKey: queryKeys.groups(clusterId),
    queryFn: ({ signal }) => fetchJson<{ groups: ConsumerGroupSummaryDto[] }>(`/api/v1/clusters/${enc(clusterId)}/consumer-groups`, signal).then((r) => r.groups),
    refetchInterval: LIVE_MS,
  });
}

export function useConsumerGroup(clusterId: string, groupId: string) {
  return useQuery({
    queryKey: queryKeys.group(clusterId, groupId),
    queryFn: ({ signal }) => fetchJson<ConsumerGroupDetailDto>(`/api/v1/clusters/${enc(clusterId)}/consumer-groups/${enc(groupId)}`, signal),
    refetchInterval: LIVE_MS,
  });
}

export function useGroupLag(clusterId: string, groupId: string, rangeMs: number) {
  return useQuery({
    queryKey: queryKeys.groupLag(clusterId, groupId, rangeMs),
    queryFn: ({ signal }) => {
      const to = new Date();
      const from = new Date(to.getTime() - rangeMs);
      const qs = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), points: "300" });
      return fetchJson<LagSeriesDto>(`/api/v1/clusters/${enc(clusterId)}/consumer-groups/${enc(groupId)}/lag?${qs}`, signal);
    },
    refetchInterval: LIVE_MS * 2,
  });
}
