"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { pointsByLabel } from "@/lib/client/chart-data";
import type { BrokersDto, ClusterDto, ConsumerGroupDetailDto, ConsumerGroupSummaryDto, LagSeriesDto, NodesDto, OverviewDto, QueueDetailDto, QueueDto, SeriesDto, TopicDetailDto, TopicSummaryDto } from "@/lib/api/types";
import { decodeLagSeries, decodeSeries } from "@/lib/api/time-points";
import { fetchJson } from "./fetch-json";

const LIVE_MS = 5_000;
const enc = encodeURIComponent;

export const queryKeys = {
  clusters: () => ["clusters"] as const,
  groups: (clusterId: string) => ["clusters", clusterId, "groups"] as const,
  group: (clusterId: string, groupId: string) => ["clusters", clusterId, "groups", groupId] as const,
  groupLag: (clusterId: string, groupId: string, rangeMs: number) => ["clusters", clusterId, "groups", groupId, "lag", rangeMs] as const,
  topics: (clusterId: string) => ["clusters", clusterId, "topics"] as const,
  topic: (clusterId: string, topic: string) => ["clusters", clusterId, "topics", topic] as const,
  brokers: (clusterId: string) => ["clusters", clusterId, "brokers"] as const,
  queues: (clusterId: string) => ["clusters", clusterId, "queues"] as const,
  queue: (clusterId: string, vhost: string, name: string) => ["clusters", clusterId, "queues", vhost, name] as const,
  nodes: (clusterId: string) => ["clusters", clusterId, "nodes"] as const,
  series: (clusterId: string, metric: string, labels: Record<string, string>, rangeMs: number) => ["clusters", clusterId, "series", metric, labels, rangeMs] as const,
};

export function useClusters() {
  return useQuery({
    queryKey: queryKeys.clusters(),
    queryFn: ({ signal }) => fetchJson<{ clusters: ClusterDto[] }>("/api/v1/clusters", signal).then((r) => r.clusters),
    refetchInterval: LIVE_MS,
  });
}

/** One cluster's status (poll times, last error, staleness) from the shared clusters query. */
export function useCluster(clusterId: string) {
  const clusters = useClusters();
  return { cluster: clusters.data?.find((c) => c.id === clusterId), updatedAt: clusters.dataUpdatedAt, query: clusters };
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
      return fetchJson<LagSeriesDto>(`/api/v1/clusters/${enc(clusterId)}/consumer-groups/${enc(groupId)}/lag?${qs}`, signal).then(decodeLagSeries);
    },
    refetchInterval: LIVE_MS * 2,
  });
}

export function useTopics(clusterId: string) {
  return useQuery({
    queryKey: queryKeys.topics(clusterId),
    queryFn: ({ signal }) => fetchJson<{ topics: TopicSummaryDto[] }>(`/api/v1/clusters/${enc(clusterId)}/topics`, signal).then((r) => r.topics),
    refetchInterval: LIVE_MS,
  });
}

export function useTopic(clusterId: string, topic: string) {
  return useQuery({
    queryKey: queryKeys.topic(clusterId, topic),
    queryFn: ({ signal }) => fetchJson<TopicDetailDto>(`/api/v1/clusters/${enc(clusterId)}/topics/${enc(topic)}`, signal),
    refetchInterval: LIVE_MS,
  });
}

export function useBrokers(clusterId: string) {
  return useQuery({
    queryKey: queryKeys.brokers(clusterId),
    queryFn: ({ signal }) => fetchJson<BrokersDto>(`/api/v1/clusters/${enc(clusterId)}/brokers`, signal),
    refetchInterval: LIVE_MS,
  });
}

export function useQueues(clusterId: string) {
  return useQuery({
    queryKey: queryKeys.queues(clusterId),
    queryFn: ({ signal }) => fetchJson<{ queues: QueueDto[] }>(`/api/v1/clusters/${enc(clusterId)}/queues`, signal).then((r) => r.queues),
    refetchInterval: LIVE_MS,
  });
}

/** One queue; vhost and name are URL-encoded separately ("/" becomes %2F). */
export function useQueue(clusterId: string, vhost: string, name: string) {
  return useQuery({
    queryKey: queryKeys.queue(clusterId, vhost, name),
    queryFn: ({ signal }) => fetchJson<QueueDetailDto>(`/api/v1/clusters/${enc(clusterId)}/queues/${enc(vhost)}/${enc(name)}`, signal),
    refetchInterval: LIVE_MS,
  });
}

export function useNodes(clusterId: string) {
  return useQuery({
    queryKey: queryKeys.nodes(clusterId),
    queryFn: ({ signal }) => fetchJson<NodesDto>(`/api/v1/clusters/${enc(clusterId)}/nodes`, signal),
    refetchInterval: LIVE_MS,
  });
}

/** Any stored series over the last `rangeMs` (the one endpoint behind every chart). */
export function useSeries(clusterId: string, metric: string, labels: Record<string, string>, rangeMs: number, aggregation: "avg" | "max" | "last" = "avg", points = 300) {
  return useQuery({
    queryKey: [...queryKeys.series(clusterId, metric, labels, rangeMs), aggregation, points],
    queryFn: ({ signal }) => {
      const to = new Date();
      const qs = new URLSearchParams({ ...labels, cluster: clusterId, metric, agg: aggregation, from: new Date(to.getTime() - rangeMs).toISOString(), to: to.toISOString(), points: String(points) });
      return fetchJson<SeriesDto>(`/api/v1/series?${qs}`, signal).then(decodeSeries);
    },
    refetchInterval: LIVE_MS * 2,
  });
}

const SPARKLINE_RANGE_MS = 3600_000;

/**
 * The last hour of one metric for every row of a table (e.g. every group's lag) in ONE series request,
 * keyed by `keyOf(labels)`; `fromMs`/`toMs` frame the sparklines.
 */
export function useSparklines(clusterId: string, metric: string, keyOf: (labels: Record<string, string>) => string | undefined) {
  const series = useSeries(clusterId, metric, {}, SPARKLINE_RANGE_MS, "max", 60);
  const byKey = useMemo(() => pointsByLabel(series.data?.series ?? [], keyOf), [series.data, keyOf]);
  return { byKey, toMs: series.dataUpdatedAt, fromMs: series.dataUpdatedAt - SPARKLINE_RANGE_MS, error: series.error };
}

/** The triage overview: every cluster's problems, most urgent first. */
export function useOverview() {
  return useQuery({
    queryKey: ["overview"] as const,
    queryFn: ({ signal }) => fetchJson<OverviewDto>("/api/v1/overview", signal),
    refetchInterval: LIVE_MS,
  });
}
