"use client";
// Replay jobs: start one, watch it (every second while it runs), pause, resume or cancel it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReplayDto } from "@/lib/dlq/dead-letter-dto";
import type { ReplayVerb } from "@/lib/dlq/replay-input";
import { fetchJson, sendJson } from "./fetch-json";

const enc = encodeURIComponent;
export const replayKeys = { one: (id: string) => ["replays", id] as const };
const FINISHED = new Set(["done", "failed", "cancelled"]);

export function useReplay(id: string | null) {
  return useQuery({
    queryKey: replayKeys.one(id ?? ""),
    queryFn: ({ signal }) => fetchJson<{ replay: ReplayDto }>(`/api/v1/replays/${enc(id ?? "")}`, signal).then((r) => r.replay),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1000),
  });
}

export function useStartReplay() {
  return useMutation({ mutationFn: (input: Record<string, unknown>) => sendJson<{ id: string; replay: ReplayDto }>("POST", "/api/v1/replays", input) });
}

export function useReplayVerb(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (verb: ReplayVerb) => sendJson<{ replay: ReplayDto }>("POST", `/api/v1/replays/${enc(id)}/${verb}`),
    onSuccess: async () => client.invalidateQueries({ queryKey: replayKeys.one(id) }),
  });
}
