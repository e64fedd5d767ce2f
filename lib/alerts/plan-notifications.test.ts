import { describe, expect, it } from "vitest";
import { INITIAL_STATE } from "./alert-state";
import type { StoredInstance } from "./evaluate-poll";
import { groupStateId, planNotifications, type GroupState, type PlanInput, type RoutedContactPoint } from "./plan-notifications";

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
    expect(sent).toEqual(["30:a=firing", "330:a=firing,b=firing", "630:b=firing,a=resolved"]);
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
});
