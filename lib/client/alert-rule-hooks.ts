"use client";

// Alert rules, their backtest, contact points and their delivery log: one hook per resource, hierarchical
// keys, and each change invalidates its prefix (and the audit log, which every change writes to).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AlertRuleDto, DeliveryDto } from "@/lib/alerts/alert-dto";
import type { BacktestRange } from "@/lib/alerts/backtest/backtest-series";
import type { BacktestDto } from "@/lib/alerts/backtest/run-backtest";
import type { ContactPointDto } from "@/lib/alerts/contact-points/list-contact-points";
import type { DeliveryResult } from "@/lib/alerts/notification";
import type { RuleInput } from "@/lib/alerts/rule-schema";
import { authKeys } from "./auth-hooks";
import { ApiError, fetchJson, sendJson } from "./fetch-json";

const enc = encodeURIComponent;
const LIVE_MS = 10_000;
export const DELIVERY_LOG_LIMIT = 50;

export const alertRuleKeys = {
  rules: () => ["alert-rules"] as const,
  rule: (id: string) => ["alert-rules", id] as const,
  backtest: (ruleJson: string, range: BacktestRange) => ["alert-rule-backtest", ruleJson, range] as const,
  contactPoints: () => ["contact-points"] as const,
  deliveries: (name: string) => ["contact-points", "deliveries", name] as const,
};

export interface RulesAnswer {
  rules: AlertRuleDto[];
  /** stored rules that no longer parse */
  problems: string[];
}

export interface ContactPointsAnswer {
  contactPoints: ContactPointDto[];
  problems: string[];
}

export type { BacktestDto, ContactPointDto };

export function useAlertRules() {
  return useQuery({
    queryKey: alertRuleKeys.rules(),
    queryFn: ({ signal }) => fetchJson<RulesAnswer>("/api/v1/alert-rules", signal),
    refetchInterval: LIVE_MS,
  });
}

export function useAlertRule(id: string) {
  return useQuery({
    queryKey: alertRuleKeys.rule(id),
    queryFn: ({ signal }) => fetchJson<{ rule: AlertRuleDto }>(`/api/v1/alert-rules/${enc(id)}`, signal).then((r) => r.rule),
    // A 404 will not turn into a rule by asking again.
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 1,
    // The editor holds its own copy: a background refetch must not look like someone else's change.
    refetchOnWindowFocus: false,
  });
}

/** A mutation that refreshes `prefixes` and the audit log once it succeeded. */
function useChange<V, R>(prefixes: readonly (readonly string[])[], send: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await Promise.all([...prefixes, authKeys.auditAll()].map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}

export interface SavedRule {
  id: string;
  rule: RuleInput;
}

/** Creates a rule (no id) or replaces one. */
export function useSaveRule() {
  return useChange([alertRuleKeys.rules()], ({ id, rule }: { id: string | null; rule: RuleInput }) =>
    id === null ? sendJson<SavedRule>("POST", "/api/v1/alert-rules", rule) : sendJson<SavedRule>("PUT", `/api/v1/alert-rules/${enc(id)}`, rule));
}

export function useDeleteRule() {
  return useChange([alertRuleKeys.rules()], (id: string) => sendJson<{ deleted: string }>("DELETE", `/api/v1/alert-rules/${enc(id)}`));
}

/**
 * What `rule` would have done over the last `range` (POST, but a read: nothing changes). Keyed by the rule's
 * JSON, so an edit asks again and the previous answer stays on screen until the new one arrives; `rule` null
 * (not valid yet) asks nothing.
 */
export function useBacktest(rule: RuleInput | null, range: BacktestRange) {
  const ruleJson = rule === null ? "" : JSON.stringify(rule);
  return useQuery({
    queryKey: alertRuleKeys.backtest(ruleJson, range),
    queryFn: ({ signal }) => sendJson<BacktestDto>("POST", "/api/v1/alert-rules/backtest", { rule, range }, signal),
    enabled: rule !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    // A 400 (too many entities) stays a 400.
    retry: false,
    refetchOnWindowFocus: false,
  });
}

export function useContactPoints() {
  return useQuery({
    queryKey: alertRuleKeys.contactPoints(),
    queryFn: ({ signal }) => fetchJson<ContactPointsAnswer>("/api/v1/contact-points", signal),
    refetchInterval: LIVE_MS,
  });
}

/** The latest deliveries to one contact point, newest first. */
export function useDeliveries(name: string) {
  return useQuery({
    queryKey: alertRuleKeys.deliveries(name),
    queryFn: ({ signal }) => {
      const qs = new URLSearchParams({ contactPoint: name, limit: String(DELIVERY_LOG_LIMIT) });
      return fetchJson<{ deliveries: DeliveryDto[] }>(`/api/v1/contact-points/deliveries?${qs}`, signal).then((r) => r.deliveries);
    },
    refetchInterval: LIVE_MS,
  });
}

/** A contact point as the form sends it: on a change, url, headers and the SMTP password may be left out. */
export type ContactPointBody = Record<string, unknown>;

export interface SavedContactPoint {
  id: string;
}

/** Creates a contact point (no id) or changes one; on a change, secrets left out keep their stored values. */
export function useSaveContactPoint() {
  // Stored rules follow a renamed contact point, so their list changes too.
  return useChange([alertRuleKeys.contactPoints(), alertRuleKeys.rules()], ({ id, contactPoint }: { id: string | null; contactPoint: ContactPointBody }) =>
    id === null
      ? sendJson<SavedContactPoint>("POST", "/api/v1/contact-points", contactPoint)
      : sendJson<SavedContactPoint>("PUT", `/api/v1/contact-points/${enc(id)}`, contactPoint));
}

export function useDeleteContactPoint() {
  return useChange([alertRuleKeys.contactPoints()], (id: string) => sendJson<{ deleted: string }>("DELETE", `/api/v1/contact-points/${enc(id)}`));
}

/** Sends one test alert now; the list's last delivery and the delivery log refresh. */
export function useTestContactPoint() {
  return useChange([alertRuleKeys.contactPoints()], (id: string) => sendJson<{ result: DeliveryResult }>("POST", `/api/v1/contact-points/${enc(id)}/test`).then((r) => r.result));
}
