import { describe, expect, it } from "vitest";
import { INITIAL_STATE } from "./alert-state";
import type { StoredInstance } from "./evaluate-poll";
import { alertOrder, groupStateId, planNotifications, type GroupState, type PlanInput, type RoutedContactPoint } from "./plan-notifications";

const S = 1000;
const point: RoutedContactPoint = { name: "oncall", groupBy: ["alertname", "cluster"], groupWaitMs: 30 * S, groupIntervalMs: 300 * S, repeatIntervalMs: 4 * 3600 * S, sendResolved: true, matches: null };
const alert = (queue: string, state: "firing" | "pending" | "resolved", since = 0): StoredInstance => ({
  ruleId: "r1",
  ruleName: "Backlog",
  instanceKey: queue,
  clusterId: "prod",
  fingerprint: `fp-${queue}`,
  labels: { alertname: "Backlog", cluster: "prod", queue },
  annotations: {},
  state: { ...INITIAL_STATE, state: state === "resolved" ? "inactive" : state, notifyingSince: state === "pending" ? null : since },
  resolvedAt: state === "resolved" ? since + 60 * S : null,
});

/** Runs the dispatcher's rounds at the given seconds, "delivering" every due notification; returns what was sent. */
function rounds(times: number[], instancesAt: (t: number) => StoredInstance[], overrides: Partial<PlanInput> = {}) {
  const groups = new Map<string, GroupState>();
  const sent: string[] = [];
  for (const t of times) {
    const plan = planNotifications({ contactPoints: [point], ruleNotify: new Map([["r1", ["oncall"]]]), instances: instancesAt(t * S), isSilenced: () => false, groups, now: t * S, generatorURL: () => "http://qw", ...overrides });
    for (const g of plan.groups) groups.set(groupStateId(g.contactPoint, g.groupKey), g);
    for (const g of plan.deleteGroups) groups.delete(groupStateId(g.contactPoint, g.groupKey));
    for (const due of plan.due) {
      sent.push(`${t}:${due.alerts.map((a) => `${a.labels.queue}=${a.status}`).join(",")}`);
      const key = groupStateId(due.contactPoint, due.groupKey);
      const state = groups.get(key);
      if (state) groups.set(key, { ...state, lastNotifiedAt: t * S, notifiedFiring: due.firing });
    }
  }
  return { sent, groups };
}

describe("planNotifications", () => {
  it("waits groupWait, batches the group, then sends changes on groupInterval ticks and the resolve", () => {
    const at = (t: number) => (t < 40 * S ? [alert("a", "firing")] : t < 400 * S ? [alert("a", "firing"), alert("b", "firing", 40 * S)] : [alert("a", "resolved", 340 * S), alert("b", "firing", 40 * S)]);
    const { sent } = rounds([0, 10, 29, 30, 31, 45, 200, 330, 400, 629, 630, 931], at);
    expect(sent).toEqual(["30:a=firing", "330:a=firing,b=firing", "630:a=resolved,b=firing"]);
  });

  it("repeats an unchanged group after repeatInterval, on an interval tick", () => {
    const { sent } = rounds([0, 30, 330, 14_430, 14_730], () => [alert("a", "firing")]);
    expect(sent).toEqual(["30:a=firing", "14430:a=firing"]);
  });

  it("sends nothing for pending alerts and forgets a group with nothing left to say", () => {
    const { sent, groups } = rounds([0, 30, 60], (t) => (t < 45 * S ? [alert("a", "pending")] : []));
    expect(sent).toEqual([]);
    expect(groups.size).toBe(0);
  });

  it("leaves silenced alerts out, and routes by the contact point's match", () => {
    const silenced = rounds([0, 30], () => [alert("a", "firing"), alert("b", "firing")], { isSilenced: (labels) => labels.queue === "a" });
    expect(silenced.sent).toEqual(["30:b=firing"]);
    const byMatch = rounds([0, 30], () => [alert("a", "firing")], { ruleNotify: new Map(), contactPoints: [{ ...point, matches: (labels) => labels.cluster === "prod" }] });
    expect(byMatch.sent).toEqual(["30:a=firing"]);
    const unrouted = rounds([0, 30], () => [alert("a", "firing")], { ruleNotify: new Map() });
    expect(unrouted.sent).toEqual([]);
  });

  it("does not send a resolve the group never announced", () => {
    const { sent } = rounds([0, 30], () => [alert("a", "resolved")]);
    expect(sent).toEqual([]);
  });

  it("orders a notification's alerts as Alertmanager's AlertSlice.Less does: job, then instance, then LabelSet.Before", () => {
    const sets: Record<string, string>[] = [
      { alertname: "B", queue: "z" },
      { alertname: "A", queue: "y", zone: "1" },
      { alertname: "A", instance: "i2" },
      { alertname: "A", job: "k", queue: "a" },
      { alertname: "A", job: "j", instance: "i9" },
      { alertname: "A", job: "j", instance: "i1", queue: "q" },
      { alertname: "A", queue: "\u{1F600}" },
      { alertname: "A", queue: "\uFF61" },
      { alertname: "A", instance: "i1" },
    ];
    const order = [...sets].sort((a, b) => alertOrder({ labels: a }, { labels: b }));
    expect(order).toEqual([
      // job present first, by job value, then instance
      { alertname: "A", job: "j", instance: "i1", queue: "q" },
      { alertname: "A", job: "j", instance: "i9" },
      { alertname: "A", job: "k", queue: "a" },
      // no job: instance present first
      { alertname: "A", instance: "i1" },
      { alertname: "A", instance: "i2" },
      // neither: fewer labels first, then the first differing pair; values compared as UTF-8 bytes (U+FF61 before U+1F600)
      { alertname: "A", queue: "\uFF61" },
      { alertname: "A", queue: "\u{1F600}" },
      { alertname: "B", queue: "z" },
      { alertname: "A", queue: "y", zone: "1" },
    ]);
  });

  it("sends a group's firing and resolved alerts in one sorted list", () => {
    const at = (t: number) => (t < 300 * S ? [alert("b", "firing"), alert("a", "firing"), alert("c", "firing")] : [alert("c", "firing"), alert("a", "resolved", 100 * S), alert("b", "firing")]);
    const { sent } = rounds([0, 30, 330], at);
    expect(sent).toEqual(["30:a=firing,b=firing,c=firing", "330:a=resolved,b=firing,c=firing"]);
  });
});
