// Client-safe and pure: what the alert pages filter, group and link by. Alert labels are data from brokers
// (hostile queue names included): they are only ever compared, encoded into URLs and rendered as text.
import type { AlertInstanceDto } from "@/lib/alerts/alert-dto";
import { MATCH_OPS, type LabelMatcher, type MatchOp } from "@/lib/alerts/label-matchers";
import { HISTORY_FILTER_KEYS, historySearch, type AlertHistoryFilter } from "@/lib/client/alert-hooks";

export type AlertViewState = AlertInstanceDto["state"];

/** The alerts page's sections, most urgent first (the API's order). */
export const ALERT_SECTIONS = [
  { state: "firing", label: "Firing" },
  { state: "error", label: "Error" },
  { state: "nodata", label: "No data" },
  { state: "pending", label: "Pending" },
  { state: "resolved", label: "Recently resolved" },
] as const satisfies readonly { state: AlertViewState; label: string }[];
export type SectionState = (typeof ALERT_SECTIONS)[number]["state"];

const SECTION_STATES: readonly string[] = ALERT_SECTIONS.map((s) => s.state);

export interface AlertFilters {
  state: SectionState | "";
  cluster: string;
  q: string;
}

export const NO_ALERT_FILTERS: AlertFilters = { state: "", cluster: "", q: "" };

/** The filters in the alerts page's URL; an unknown state counts as "any". */
export function alertFiltersFromParams(params: URLSearchParams): AlertFilters {
  const state = params.get("state") ?? "";
  return {
    state: SECTION_STATES.includes(state) ? (state as SectionState) : "",
    cluster: params.get("cluster") ?? "",
    q: params.get("q")?.trim() ?? "",
  };
}

export const hasAlertFilters = (filters: AlertFilters): boolean => filters.state !== "" || filters.cluster !== "" || filters.q !== "";

/** Does the text search find this alert: its rule, any label (as value or name=value) or its summary. Case-insensitive. */
export function alertMatchesText(alert: AlertInstanceDto, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (needle === "") return true;
  const haystack = [alert.ruleName, alert.annotations.summary ?? "", ...Object.entries(alert.labels).map(([name, value]) => `${name}=${value}`)];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

/** Cluster and text filters; the state filter is applied per section (so its counts stay visible). */
export function filterAlerts(alerts: readonly AlertInstanceDto[], filters: Pick<AlertFilters, "cluster" | "q">): AlertInstanceDto[] {
  return alerts.filter((alert) => (filters.cluster === "" || alert.clusterId === filters.cluster) && alertMatchesText(alert, filters.q));
}

export function countByState(alerts: readonly AlertInstanceDto[]): Record<SectionState, number> {
  const counts: Record<SectionState, number> = { firing: 0, error: 0, nodata: 0, pending: 0, resolved: 0 };
  for (const alert of alerts) if (alert.state !== "inactive") counts[alert.state] += 1;
  return counts;
}

export interface RuleGroup {
  ruleId: string;
  ruleName: string;
  severity: string;
  alerts: AlertInstanceDto[];
}

export interface AlertSection {
  state: SectionState;
  label: string;
  groups: RuleGroup[];
  count: number;
}

/** Sections by state (only those with alerts), each grouped by rule in rule-name order; instances keep the API's order. */
export function alertSections(alerts: readonly AlertInstanceDto[], only: SectionState | "" = ""): AlertSection[] {
  return ALERT_SECTIONS.filter((section) => only === "" || section.state === only).flatMap((section): AlertSection[] => {
    const groups = new Map<string, RuleGroup>();
    for (const alert of alerts) {
      if (alert.state !== section.state) continue;
      const group = groups.get(alert.ruleId) ?? { ruleId: alert.ruleId, ruleName: alert.ruleName, severity: alert.labels.severity ?? "", alerts: [] };
      group.alerts.push(alert);
      groups.set(alert.ruleId, group);
    }
    if (groups.size === 0) return [];
    const sorted = [...groups.values()].sort((a, b) => a.ruleName.localeCompare(b.ruleName) || a.ruleId.localeCompare(b.ruleId));
    return [{ state: section.state, label: section.label, groups: sorted, count: sorted.reduce((n, g) => n + g.alerts.length, 0) }];
  });
}

/** Labels that name the entity, in reading order; alertname and severity say which rule, not what it is about. */
const ENTITY_ORDER = ["cluster", "vhost", "queue", "group", "topic", "partition", "node"];
const RULE_LABELS = new Set(["alertname", "severity"]);

export function entityLabelsOf(labels: Readonly<Record<string, string>>): [string, string][] {
  const rank = (name: string) => {
    const index = ENTITY_ORDER.indexOf(name);
    return index === -1 ? ENTITY_ORDER.length : index;
  };
  return Object.entries(labels)
    .filter(([name]) => !RULE_LABELS.has(name))
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** What an alert is about, in words: its group, queue, topic or node, else its cluster. */
export function entityOf(labels: Readonly<Record<string, string>>): { kind: "group" | "queue" | "topic" | "node" | "cluster"; name: string } {
  if (labels.group !== undefined) return { kind: "group", name: labels.group };
  if (labels.queue !== undefined) return { kind: "queue", name: labels.queue };
  if (labels.topic !== undefined) return { kind: "topic", name: labels.topic };
  if (labels.node !== undefined) return { kind: "node", name: labels.node };
  return { kind: "cluster", name: labels.cluster ?? "" };
}

/** The alerts about one entity: every label of `entity` (e.g. {cluster, vhost, queue}) must be equal. */
export function alertsOfEntity(alerts: readonly AlertInstanceDto[], entity: Readonly<Record<string, string>>): AlertInstanceDto[] {
  const wanted = Object.entries(entity);
  return alerts.filter((alert) => wanted.every(([name, value]) => alert.labels[name] === value));
}

/** The labels that single out an alert instance: its rule and its entity. A silence form starts from these. */
const IDENTIFYING = ["alertname", "cluster", "vhost", "queue", "group", "topic", "partition", "node"];

export function identifyingMatchers(labels: Readonly<Record<string, string>>): LabelMatcher[] {
  return IDENTIFYING.flatMap((label) => {
    const value = labels[label];
    return value === undefined ? [] : [{ label, op: "=" as const, value }];
  });
}

/** `queue="orders"`, `queue=~"orders-.*"`: how Alertmanager writes a matcher. */
export const formatMatcher = (matcher: LabelMatcher): string => `${matcher.label}${matcher.op}${JSON.stringify(matcher.value)}`;

/** A matcher as a URL value: `label` `op` `value` with nothing quoted (`queue=orders`, `queue=~orders-.*`). */
export const matcherParam = (matcher: LabelMatcher): string => `${matcher.label}${matcher.op}${matcher.value}`;

const MATCHER_PARAM = /^([A-Za-z_][A-Za-z0-9_]*)(=~|!~|!=|=)([\s\S]*)$/;

/** `matcher` URL values back into matchers; unreadable ones are skipped (a label name has no =, ! or ~, so the split is unambiguous). */
export function matchersFromParams(values: readonly string[]): LabelMatcher[] {
  return values.flatMap((text) => {
    const match = MATCHER_PARAM.exec(text);
    if (!match) return [];
    const [, label = "", op = "=", value = ""] = match;
    return (MATCH_OPS as readonly string[]).includes(op) ? [{ label, op: op as MatchOp, value }] : [];
  });
}

export const SILENCES_PATH = "/alerts/silences";
export const HISTORY_PATH = "/alerts/history";

/** The silences page with the new-silence form open and prefilled. */
export function newSilenceHref(matchers: readonly LabelMatcher[]): string {
  const qs = new URLSearchParams([["new", "1"], ...matchers.map((m): [string, string] => ["matcher", matcherParam(m)])]);
  return `${SILENCES_PATH}?${qs}`;
}

/** One silence on the silences page. */
export const silenceAnchor = (id: string): string => `silence-${id}`;
export const silenceHref = (id: string): string => `${SILENCES_PATH}#${silenceAnchor(id)}`;

/** The history page filtered to one alert or one entity. */
export function historyHref(filter: AlertHistoryFilter): string {
  const qs = historySearch({ ...filter, limit: undefined });
  return qs === "" ? HISTORY_PATH : `${HISTORY_PATH}?${qs}`;
}

/** The history filter of an entity page: cluster plus the labels naming the entity. */
export function entityHistoryFilter(cluster: string, entity: Readonly<Record<string, string>>): AlertHistoryFilter {
  const filter: AlertHistoryFilter = { cluster };
  for (const key of HISTORY_FILTER_KEYS) {
    const value = entity[key];
    if (key !== "fingerprint" && value !== undefined) filter[key] = value;
  }
  return filter;
}

/** The history filter in the history page's URL. */
export function historyFilterFromParams(params: URLSearchParams): AlertHistoryFilter {
  const filter: AlertHistoryFilter = {};
  for (const key of HISTORY_FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null && value !== "") filter[key] = value;
  }
  return filter;
}

/** When the alert entered its current state, and how to say it. */
export function sinceOf(alert: Pick<AlertInstanceDto, "state" | "activeSince" | "notifyingSince" | "resolvedAt">): { label: string; iso: string | null } {
  switch (alert.state) {
    case "firing":
      return { label: "firing since", iso: alert.notifyingSince ?? alert.activeSince };
    case "pending":
      return { label: "pending since", iso: alert.activeSince };
    case "nodata":
      return { label: "no data since", iso: alert.notifyingSince };
    case "error":
      return { label: "in error since", iso: alert.notifyingSince };
    case "resolved":
      return { label: "resolved", iso: alert.resolvedAt };
    default:
      return { label: alert.state, iso: null };
  }
}

/** An annotation as a link target only when it is an http(s) URL (a `javascript:` runbook stays text). */
export function safeHttpUrl(text: string | undefined): string | null {
  if (text === undefined) return null;
  try {
    const url = new URL(text.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** "5 min ago" or "in 3 h" (whole units, rounded down), relative to `nowMs`. */
export function formatRelative(iso: string, nowMs: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "—";
  const seconds = Math.round(Math.abs(nowMs - ms) / 1000);
  const amount = seconds < 60 ? `${seconds} s` : seconds < 3600 ? `${Math.floor(seconds / 60)} min` : seconds < 86400 ? `${Math.floor(seconds / 3600)} h` : `${Math.floor(seconds / 86400)} d`;
  return ms > nowMs + 500 ? `in ${amount}` : `${amount} ago`;
}

const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const FRACTION = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });

/** An alert's value: 100 and more as whole numbers (grouped), smaller ones to 3 significant digits; unknown as "—". */
export function formatAlertValue(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "—";
  return Number.isInteger(value) || Math.abs(value) >= 100 ? WHOLE.format(value) : FRACTION.format(value);
}
