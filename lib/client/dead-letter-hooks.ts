"use client";
// Dead letters: the sources of a cluster, a page of one source's messages, and one message — one hook per
// resource under ["clusters", id, "dead-letters", …].
import { useQuery } from "@tanstack/react-query";
import type { DeadLetterMessageDto, DeadLetterPageDto, DeadLetterSourceDto } from "@/lib/dlq/dead-letter-dto";
import type { DeadLetterSourceRef } from "@/lib/dlq/source-key";
import { fetchJson } from "./fetch-json";

const LIVE_MS = 10_000;
const enc = encodeURIComponent;

export const deadLetterKeys = {
  all: (clusterId: string) => ["clusters", clusterId, "dead-letters"] as const,
  page: (clusterId: string, query: string) => ["clusters", clusterId, "dead-letters", "page", query] as const,
  message: (clusterId: string, query: string, id: string) => ["clusters", clusterId, "dead-letters", "message", query, id] as const,
};

/** The query string naming a source: ?topic= or ?vhost=&queue=. */
export function sourceQuery(ref: DeadLetterSourceRef): URLSearchParams {
  return new URLSearchParams("topic" in ref ? { topic: ref.topic } : { vhost: ref.vhost, queue: ref.queue });
}

export function useDeadLetterSources(clusterId: string) {
  return useQuery({
    queryKey: deadLetterKeys.all(clusterId),
    queryFn: ({ signal }) => fetchJson<{ deadLetters: DeadLetterSourceDto[] }>(`/api/v1/clusters/${enc(clusterId)}/dead-letters`, signal).then((r) => r.deadLetters),
    refetchInterval: LIVE_MS,
  });
}

/** A page of a source's messages; `query` is the source, filter and page as a query string. A live read (peek) is not repeated by itself. */
export function useDeadLetterPage(clusterId: string, query: string, live: boolean) {
  return useQuery({
    queryKey: deadLetterKeys.page(clusterId, query),
    queryFn: ({ signal }) => fetchJson<DeadLetterPageDto>(`/api/v1/clusters/${enc(clusterId)}/dead-letters/messages?${query}`, signal),
    refetchInterval: live ? LIVE_MS : false,
    retry: false,
  });
}

export function useDeadLetter(clusterId: string, sourceQueryString: string, id: string | null) {
  return useQuery({
    queryKey: deadLetterKeys.message(clusterId, sourceQueryString, id ?? ""),
    queryFn: ({ signal }) => fetchJson<{ message: DeadLetterMessageDto }>(`/api/v1/clusters/${enc(clusterId)}/dead-letters/messages/${enc(id ?? "")}?${sourceQueryString}`, signal).then((r) => r.message),
    enabled: id !== null,
  });
}
