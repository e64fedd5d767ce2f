import { describe, expect, it } from "vitest";
import type { AlertInstanceDto } from "@/lib/alerts/alert-dto";
import {
  alertFiltersFromParams, alertSections, alertsOfEntity, countByState, entityHistoryFilter, entityLabelsOf, entityOf, filterAlerts, formatAlertValue, formatMatcher, formatRelative,
  historyFilterFromParams, historyHref, identifyingMatchers, matchersFromParams, newSilenceHref, safeHttpUrl, sinceOf,
} from "./alert-filters";

const HOSTILE = `<script>alert(1)</script>&"x"=~y`;

const alert = (over: Partial<AlertInstanceDto> & { labels: Record<string, string> }): AlertInstanceDto => ({
  ruleId: "r-backlog", ruleName: "Backlog", clusterId: "rabbit", fingerprint: "0123456789abcdef", annotations: {}, state: "firing", value: 3,
  activeSince: "2026-12-07T10:00:00.000Z", notifyingSince: "2026-12-07T10:01:00.000Z", resolvedAt: null, lastEvaluatedAt: null, silencedBy: [], path: "/",
  ...over,
});

const queueAlert = alert({ labels: { alertname: "Backlog", severity: "warning", cluster: "rabbit", vhost: "/", queue: HOSTILE }, annotations: { summary: "Queue has 3 ready" } });
const groupAlert = alert({ ruleId: "r-lag", ruleName: "GroupLag", clusterId: "kafka", state: "pending", labels: { alertname: "GroupLag", severity: "critical", cluster: "kafka", group: "orders" } });
const partitionAlert = alert({ ruleId: "r-plag", ruleName: "PartitionLag", clusterId: "kafka", labels: { alertname: "PartitionLag", severity: "info", cluster: "kafka", group: "orders", topic: "payments", partition: "3" } });
const resolved = alert({ ruleId: "r-lag", ruleName: "GroupLag", clusterId: "kafka", state: "resolved", resolvedAt: "2026-12-07T11:00:00.000Z", labels: { alertname: "GroupLag", cluster: "kafka", group: "billing" } });
const ALL = [queueAlert, groupAlert, partitionAlert, resolved];

describe("alert filters in the URL", () => {
  it("reads state, cluster and text; an unknown state is any", () => {
    expect(alertFiltersFromParams(new URLSearchParams({ state: "firing", cluster: "kafka", q: " orders " }))).toEqual({ state: "firing", cluster: "kafka", q: "orders" });
    expect(alertFiltersFromParams(new URLSearchParams({ state: "exploded" })).state).toBe("");
  });

  it.each([
    { filters: { cluster: "", q: "" }, rules: ["Backlog", "GroupLag", "PartitionLag", "GroupLag"] },
    { filters: { cluster: "kafka", q: "" }, rules: ["GroupLag", "PartitionLag", "GroupLag"] },
    { filters: { cluster: "", q: "SCRIPT" }, rules: ["Backlog"] },
    { filters: { cluster: "", q: "group=orders" }, rules: ["GroupLag", "PartitionLag"] },
    { filters: { cluster: "", q: "3 ready" }, rules: ["Backlog"] },
    { filters: { cluster: "", q: "partitionlag" }, rules: ["PartitionLag"] },
    { filters: { cluster: "nope", q: "" }, rules: [] },
  ])("cluster $filters.cluster, text $filters.q", ({ filters, rules }) => {
    expect(filterAlerts(ALL, filters).map((a) => a.ruleName)).toEqual(rules);
  });
});

describe("alertSections", () => {
  it("groups by state (most urgent first), then by rule; empty sections are left out", () => {
    const sections = alertSections(ALL);
    expect(sections.map((s) => [s.state, s.count, s.groups.map((g) => [g.ruleName, g.severity, g.alerts.length])])).toEqual([
      ["firing", 2, [["Backlog", "warning", 1], ["PartitionLag", "info", 1]]],
      ["pending", 1, [["GroupLag", "critical", 1]]],
      ["resolved", 1, [["GroupLag", "", 1]]],
    ]);
  });
  it("shows only the chosen state", () => {
    expect(alertSections(ALL, "pending").map((s) => s.state)).toEqual(["pending"]);
    expect(alertSections(ALL, "error")).toEqual([]);
  });
  it("counts every state", () => {
    expect(countByState(ALL)).toEqual({ firing: 2, error: 0, nodata: 0, pending: 1, resolved: 1 });
  });
});

describe("entities", () => {
  it("lists entity labels in reading order, without the rule's labels", () => {
    expect(entityLabelsOf({ ...partitionAlert.labels, team: "core" })).toEqual([["cluster", "kafka"], ["group", "orders"], ["topic", "payments"], ["partition", "3"], ["team", "core"]]);
  });
  it.each([
    [queueAlert.labels, { kind: "queue", name: HOSTILE }],
    [groupAlert.labels, { kind: "group", name: "orders" }],
    [{ cluster: "kafka", topic: "t" }, { kind: "topic", name: "t" }],
    [{ cluster: "rabbit", node: "rabbit@a" }, { kind: "node", name: "rabbit@a" }],
    [{ cluster: "rabbit" }, { kind: "cluster", name: "rabbit" }],
  ])("%# names the entity", (labels, entity) => {
    expect(entityOf(labels)).toEqual(entity);
  });
  it.each<{ entity: Record<string, string>; rules: string[] }>([
    { entity: { cluster: "kafka", group: "orders" }, rules: ["GroupLag", "PartitionLag"] },
    { entity: { cluster: "kafka", topic: "payments" }, rules: ["PartitionLag"] },
    { entity: { cluster: "rabbit", vhost: "/", queue: HOSTILE }, rules: ["Backlog"] },
    { entity: { cluster: "rabbit", vhost: "other", queue: HOSTILE }, rules: [] },
    { entity: { cluster: "other", group: "orders" }, rules: [] },
  ])("alertsOfEntity $entity", ({ entity, rules }) => {
    expect(alertsOfEntity(ALL, entity).map((a) => a.ruleName)).toEqual(rules);
  });
});

describe("silence links", () => {
  it("prefills the rule and the entity, not the severity", () => {
    expect(identifyingMatchers(partitionAlert.labels)).toEqual([
      { label: "alertname", op: "=", value: "PartitionLag" }, { label: "cluster", op: "=", value: "kafka" }, { label: "group", op: "=", value: "orders" },
      { label: "topic", op: "=", value: "payments" }, { label: "partition", op: "=", value: "3" },
    ]);
  });
  it("round-trips matchers (hostile values included) through the URL", () => {
    const matchers = [...identifyingMatchers(queueAlert.labels), { label: "queue", op: "=~" as const, value: "a=b!~c" }, { label: "x", op: "!~" as const, value: "" }, { label: "y", op: "!=" as const, value: "=" }];
    const href = newSilenceHref(matchers);
    expect(href.startsWith("/alerts/silences?new=1&matcher=alertname%3DBacklog&")).toBe(true);
    expect(href).not.toContain("<");
    const params = new URL(href, "http://x").searchParams;
    expect(matchersFromParams(params.getAll("matcher"))).toEqual(matchers);
  });
  it("skips unreadable matcher values", () => {
    expect(matchersFromParams(["", "=x", "9a=b", "queue", "a~b", "ok=1"])).toEqual([{ label: "ok", op: "=", value: "1" }]);
  });
  it("writes matchers as Alertmanager does", () => {
    expect(formatMatcher({ label: "queue", op: "=~", value: 'a"b' })).toBe('queue=~"a\\"b"');
  });
});

describe("history links", () => {
  it("filters by fingerprint or by entity, encoded", () => {
    expect(historyHref({ fingerprint: "0123456789abcdef" })).toBe("/alerts/history?fingerprint=0123456789abcdef");
    expect(historyHref(entityHistoryFilter("rabbit", { vhost: "/", queue: "a&b" }))).toBe("/alerts/history?cluster=rabbit&vhost=%2F&queue=a%26b");
    expect(historyHref({})).toBe("/alerts/history");
  });
  it("reads its filter back from the URL, ignoring other parameters", () => {
    expect(historyFilterFromParams(new URLSearchParams("cluster=rabbit&vhost=%2F&queue=a%26b&range=24h&group="))).toEqual({ cluster: "rabbit", vhost: "/", queue: "a&b" });
  });
});

describe("display", () => {
  it.each([
    [{ state: "firing" as const }, "firing since", "2026-12-07T10:01:00.000Z"],
    [{ state: "pending" as const }, "pending since", "2026-12-07T10:00:00.000Z"],
    [{ state: "resolved" as const, resolvedAt: "2026-12-07T11:00:00.000Z" }, "resolved", "2026-12-07T11:00:00.000Z"],
    [{ state: "nodata" as const, activeSince: null }, "no data since", "2026-12-07T10:01:00.000Z"],
  ])("%# since", (over, label, iso) => {
    expect(sinceOf({ activeSince: "2026-12-07T10:00:00.000Z", notifyingSince: "2026-12-07T10:01:00.000Z", resolvedAt: null, ...over })).toEqual({ label, iso });
  });
  it.each([
    ["https://wiki.example/runbook?x=1", "https://wiki.example/runbook?x=1"],
    ["http://a.b/", "http://a.b/"],
    ["javascript:alert(1)", null],
    [" JAVASCRIPT:alert(1)", null],
    ["data:text/html,<script>", null],
    ["see the wiki", null],
    [undefined, null],
  ])("runbook %s → %s", (text, url) => {
    expect(safeHttpUrl(text)).toBe(url);
  });
  it.each([[3, "3"], [12345, "12,345"], [0.123456, "0.123"], [1234.5678, "1,235"], [2.5, "2.5"], [null, "—"], [Number.NaN, "—"]])("value %s → %s", (value, text) => {
    expect(formatAlertValue(value)).toBe(text);
  });
  it.each([
    ["2026-12-07T10:00:00Z", "10 s ago"],
    ["2026-12-07T09:55:00Z", "5 min ago"],
    ["2026-12-07T07:00:00Z", "3 h ago"],
    ["2026-12-05T09:00:00Z", "2 d ago"],
    ["2026-12-07T13:30:00Z", "in 3 h"],
    ["2026-12-07T10:00:10.200Z", "0 s ago"],
    ["soon", "—"],
  ])("%s is %s from 10:00:10", (iso, text) => {
    expect(formatRelative(iso, Date.parse("2026-12-07T10:00:10Z"))).toBe(text);
  });
});
