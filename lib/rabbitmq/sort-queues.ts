import type { QueueDto } from "@/lib/api/types";
import { compareFigures, directionSign, type SortDirection } from "@/lib/client/sort";

export const QUEUE_SORTS = [
  "messages", "messagesReady", "messagesUnacknowledged", "consumers", "publishRate", "deliverRate", "ackRate", "redeliverRate",
  "deadLetterInflowRate", "deadLetterOutRate", "name",
] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export function parseQueueSort(value: string | null): QueueSort {
  return QUEUE_SORTS.find((s) => s === value) ?? "messages";
}

export interface QueueFilter {
  /** exact vhost, or "" for all */
  vhost: string;
  /** case-insensitive substring of the name */
  name: string;
}

const byName = (a: QueueDto, b: QueueDto): number => a.name.localeCompare(b.name) || a.vhost.localeCompare(b.vhost);

/** Pure: filter by vhost and name, then sort; unknown values (a rate not known yet) sort last either way. */
export function filterAndSortQueues(queues: readonly QueueDto[], filter: QueueFilter, sort: QueueSort, direction: SortDirection): QueueDto[] {
  const needle = filter.name.trim().toLowerCase();
  return queues
    .filter((q) => (filter.vhost === "" || q.vhost === filter.vhost) && (needle === "" || q.name.toLowerCase().includes(needle)))
    .sort((a, b) => (sort === "name" ? directionSign(direction) * byName(a, b) : compareFigures(a[sort], b[sort], direction, () => byName(a, b))));
}

/** The vhosts present, sorted, for the filter's choices. */
export function vhostsOf(queues: readonly QueueDto[]): string[] {
  return [...new Set(queues.map((q) => q.vhost))].sort();
}
