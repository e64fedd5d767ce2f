import { describe, expect, it } from "vitest";
import { compileRule, toAlertRule } from "./compile-rule";
import { evaluatePoll, instanceId, newEvaluationCache, type PollInput, type StoredInstance } from "./evaluate-poll";
import { ruleInputSchema, type RuleInputRaw } from "./rule-schema";
import type { MetricSample } from "@/lib/store/metric-sample";

const rule = (raw: Partial<RuleInputRaw> = {}, id = "r1") =>
  compileRule(toAlertRule(ruleInputSchema.parse({ name: "Backlog", metric: "rabbitmq_queue_messages_ready", op: ">", threshold: 100, match: { queue: "orders*" }, annotations: { summary: "{{ $labels.queue }} has {{ $value }}" }, ...raw }), id, "api", 1));
const ready = (queue: string, value: number, vhost = "/"): MetricSample => ({ metric: "rabbitmq_queue_messages_ready", labels: { vhost, queue }, value });
const poll = (polledAt: number, samples: MetricSample[], ok = true): PollInput => ({ clusterId: "prod", ok, polledAt, error: ok ? null : "connect ECONNREFUSED", samples });

/** Feeds polls through evaluatePoll, keeping state as the engine does; returns the states by entity after each poll. */
function run(rules: ReturnType<typeof rule>[], polls: PollInput[]) {
  const held = new Map<string, StoredInstance>();
  const cache = newEvaluationCache();
  const history: Record<string, string>[] = [];
  const transitions: string[] = [];
  for (const p of polls) {
    const out = evaluatePoll(rules, p, held, cache);
    for (const d of out.deletes) held.delete(instanceId(d.ruleId, d.instanceKey));
    for (const u of out.upserts) held.set(instanceId(u.ruleId, u.instanceKey), u);
    for (const t of out.transitions) transitions.push(`${p.polledAt / 1000}:${t.labels.queue ?? t.labels.cluster}:${t.from}>${t.to}`);
    history.push(Object.fromEntries([...held.values()].map((i) => [i.labels.queue ?? i.labels.cluster ?? "", i.resolvedAt === null ? i.state.state : "resolved"])));
  }
  return { history, transitions, held };
}

describe("evaluatePoll", () => {
  it("makes one instance per matching entity and leaves the others alone", () => {
    const { history, held } = run([rule({ for: "10s" })], [poll(0, [ready("orders", 150), ready("orders-eu", 50), ready("billing", 999)]), poll(10_000, [ready("orders", 160), ready("orders-eu", 50), ready("billing", 999)])]);
    expect(history).toEqual([{ orders: "pending" }, { orders: "firing" }]);
    const instance = [...held.values()][0];
    expect(instance?.labels).toEqual({ alertname: "Backlog", cluster: "prod", vhost: "/", queue: "orders", severity: "warning" });
    expect(instance?.annotations).toEqual({ summary: "orders has 160" });
    expect(instance?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("keeps a resolved instance for the notifier, with its start", () => {
    const { history, transitions, held } = run([rule()], [poll(0, [ready("orders", 150)]), poll(10_000, [ready("orders", 10)])]);
    expect(history).toEqual([{ orders: "firing" }, { orders: "resolved" }]);
    expect(transitions).toEqual(["0:orders:inactive>firing", "10:orders:firing>inactive"]);
    expect([...held.values()][0]).toMatchObject({ resolvedAt: 10_000, state: { notifyingSince: 0 } });
  });

  it("turns a vanished entity into no data by the rule's policy, and a pending one into nothing", () => {
    const alerting = run([rule({ noData: "alert" })], [poll(0, [ready("orders", 150)]), poll(10_000, [ready("other", 1)])]);
    expect(alerting.history).toEqual([{ orders: "firing" }, { orders: "nodata" }]);
    const ok = run([rule({ for: "1m" })], [poll(0, [ready("orders", 150)]), poll(10_000, [])]);
    expect(ok.history).toEqual([{ orders: "pending" }, {}]);
  });

  it("marks every instance of a failed poll as error (policy alert), and the up metric as a value", () => {
    const up = rule({ name: "Down", metric: "queuewatch_cluster_up", op: "==", threshold: 0, match: {} }, "up");
    const { history } = run([rule(), up], [poll(0, [ready("orders", 150), { metric: "queuewatch_cluster_up", labels: {}, value: 1 }]), poll(10_000, [{ metric: "queuewatch_cluster_up", labels: {}, value: 0 }], false)]);
    expect(history).toEqual([{ orders: "firing" }, { orders: "error", prod: "firing" }]);
  });

  it("does not call a slow-cadence metric missing from a poll no data", () => {
    const alarm = rule({ name: "Mem", metric: "rabbitmq_node_mem_alarm", op: "==", threshold: 1, match: {}, noData: "alert" });
    const sample = (value: number): MetricSample => ({ metric: "rabbitmq_node_mem_alarm", labels: { node: "rabbit@a" }, value });
    const { history } = run([alarm], [poll(0, [sample(1)]), poll(10_000, [ready("x", 1)]), poll(20_000, [sample(0)])]);
    expect(history).toEqual([{ prod: "firing" }, { prod: "firing" }, { prod: "resolved" }]);
  });

  it("skips rules for other clusters and disabled rules", () => {
    const { history } = run([rule({ match: { cluster: "staging", queue: "orders" } }), rule({ enabled: false }, "r2")], [poll(0, [ready("orders", 150)])]);
    expect(history).toEqual([{}]);
  });

  it("reuses the match of an unchanged series list and redoes it when the list changes", () => {
    const cache = newEvaluationCache();
    const r = rule();
    evaluatePoll([r], poll(0, [ready("orders", 1), ready("billing", 1)]), new Map(), cache);
    const first = cache.selections.get("prod\u0000r1@1");
    evaluatePoll([r], poll(10_000, [ready("orders", 2), ready("billing", 2)]), new Map(), cache);
    expect(cache.selections.get("prod\u0000r1@1")).toBe(first);
    evaluatePoll([r], poll(20_000, [ready("billing", 2), ready("orders", 2)]), new Map(), cache);
    expect(cache.selections.get("prod\u0000r1@1")?.indices).toEqual([1]);
  });
});
