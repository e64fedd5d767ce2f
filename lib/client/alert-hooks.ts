"use client";

// Alerts, their history and silences: one hook per resource under hierarchical keys (["alerts", …],
// ["silences"]); a silence change refreshes both (it mutes or unmutes alerts) and the audit log it writes to.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AlertInstanceDto, AlertTransitionDto, SilenceDto } from "@/lib/alerts/alert-dto";
import type { CreateSilenceInput } from "@/lib/alerts/silences/silence-input";
import { authKeys } from "./auth-hooks";
import { fetchJson, sendJson } from "./fetch-json";

const LIVE_MS = 5_000;
const enc = encodeURIComponent;

/** The entity labels the history can be filtered by (all optional; empty strings mean "any"). */
export const HISTORY_FILTER_KEYS = ["fingerprint", "cluster", "group", "topic", "vhost", "queue", "node"] as const;
export type HistoryFilterKey = (typeof HISTORY_FILTER_KEYS)[number];
export type AlertHistoryFilter = Partial<Record<HistoryFilterKey, string>> & { limit?: number };

export interface AlertsAnswer {
  alerts: AlertInstanceDto[];
  /** the server's time of the answer (ISO): "since" times are relative to it */
  at: string;
}

export const alertKeys = {
  all: () => ["alerts"] as const,
  list: (cluster: string | undefined) => ["alerts", "list", cluster ?? "*"] as const,
  history: (filter: AlertHistoryFilter) => ["alerts", "history", filter] as const,
  silences: () => ["silences"] as const,
};

/** The query string of a history request: the filters that are set, and the limit. */
export function historySearch(filter: AlertHistoryFilter): string {
  const qs = new URLSearchParams();
  for (const key of HISTORY_FILTER_KEYS) {
    const value = filter[key];
    if (value !== undefined && value !== "") qs.set(key, value);
  }
  if (filter.limit !== undefined) qs.set("limit", String(filter.limit));
  return qs.toString();
}

/** Alerts that are not inactive (and the recently resolved), of one cluster or all; live. */
export function useAlerts(cluster?: string) {
  return useQuery({
    queryKey: alertKeys.list(cluster),
    queryFn: ({ signal }) => fetchJson<AlertsAnswer>(cluster === undefined ? "/api/v1/alerts" : `/api/v1/alerts?cluster=${enc(cluster)}`, signal),
    refetchInterval: LIVE_MS,
  });
}

/** State changes, newest first, of one alert (fingerprint) or one entity (cluster + group / topic / vhost+queue / node). */
export function useAlertHistory(filter: AlertHistoryFilter) {
  return useQuery({
    queryKey: alertKeys.history(filter),
    queryFn: ({ signal }) => fetchJson<{ transitions: AlertTransitionDto[] }>(`/api/v1/alerts/history?${historySearch(filter)}`, signal).then((r) => r.transitions),
    refetchInterval: LIVE_MS * 2,
  });
}

/** Active and pending silences, then those that ended in the last 7 days. */
export function useSilences() {
  return useQuery({
    queryKey: alertKeys.silences(),
    queryFn: ({ signal }) => fetchJson<{ silences: SilenceDto[] }>("/api/v1/silences", signal).then((r) => r.silences),
    refetchInterval: LIVE_MS * 2,
  });
}

function useSilenceChange<V, R>(send: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await Promise.all([alertKeys.all(), alertKeys.silences(), authKeys.auditAll()].map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}

export function useCreateSilence() {
  return useSilenceChange((input: CreateSilenceInput) => sendJson<{ silence: SilenceDto }>("POST", "/api/v1/silences", input));
}

/** Ends a silence now (it stays listed as expired). */
export function useExpireSilence() {
  return useSilenceChange((id: string) => sendJson<{ silence: SilenceDto }>("DELETE", `/api/v1/silences/${enc(id)}`));
}
