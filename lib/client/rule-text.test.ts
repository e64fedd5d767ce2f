import { describe, expect, it } from "vitest";
import { conditionText, exampleEntity, matcherTexts, splitRuleName, stateCounts, thresholdText } from "./rule-text";

describe("conditionText", () => {
  it.each([
    [{ metric: "kafka_group_lag", op: ">", threshold: 10000, for: "5m", keepFiringFor: "0s" }, "kafka_group_lag > 10000 for 5m"],
    [{ metric: "queuewatch_cluster_up", op: "==", threshold: 0, for: "0s", keepFiringFor: "0s" }, "queuewatch_cluster_up == 0"],
    [{ metric: "rabbitmq_queue_consumers", op: "<", threshold: 1, for: "1h30m", keepFiringFor: "10m" }, "rabbitmq_queue_consumers < 1 for 1h30m keep firing 10m"],
    [{ metric: "rabbitmq_queue_consumer_capacity", op: "<=", threshold: 0.5, for: "0m", keepFiringFor: "0h0m" }, "rabbitmq_queue_consumer_capacity <= 0.5"],
  ] as const)("%j → %s", (rule, text) => {
    expect(conditionText(rule)).toBe(text);
  });
});

it("thresholdText leaves the metric out", () => {
  expect(thresholdText({ op: ">=", threshold: 2, for: "5m", keepFiringFor: "0s" })).toBe(">= 2 for 5m");
});

describe("matcherTexts", () => {
  it("writes globs, exact shorthand values and explicit matchers", () => {
    expect(matcherTexts({ match: { queue: "orders*", cluster: "prod" }, matchers: [{ label: "vhost", op: "!~", value: "test.*" }] })).toEqual([
      'queue glob "orders*"',
      'cluster="prod"',
      'vhost!~"test.*"',
    ]);
  });
});

describe("stateCounts", () => {
  it("lists the states that have instances, most urgent first", () => {
    expect(stateCounts({ inactive: 3, pending: 1, firing: 2, nodata: 0 })).toEqual([
      { state: "firing", count: 2 },
      { state: "pending", count: 1 },
      { state: "inactive", count: 3 },
    ]);
    expect(stateCounts({})).toEqual([]);
  });
});

describe("exampleEntity", () => {
  const base = { name: "QueueBacklog", metric: "rabbitmq_queue_messages", severity: "warning", threshold: 100, clusterIds: ["prod-rmq", "staging"] };

  it("makes one up from the matchers and the first cluster", () => {
    expect(exampleEntity({ ...base, matchers: [{ label: "queue", op: "glob", value: "orders-*" }, { label: "vhost", op: "!=", value: "/test" }] })).toEqual({
      labels: { cluster: "prod-rmq", vhost: "/", queue: "orders-x", alertname: "QueueBacklog", severity: "warning" },
      value: 100,
    });
  });

  it("takes an = matcher's value, and invents the rest", () => {
    expect(exampleEntity({ ...base, metric: "kafka_partition_lag", name: " ", clusterIds: [], matchers: [{ label: "cluster", op: "=", value: "k1" }, { label: "group", op: "=", value: "billing" }] })).toEqual({
      labels: { cluster: "k1", group: "billing", topic: "example-topic", partition: "example-partition", alertname: "unnamed-rule", severity: "warning" },
      value: 100,
    });
  });

  it("prefers a real entity", () => {
    const known = { labels: { cluster: "c", group: "g" }, value: 12 };
    expect(exampleEntity({ ...base, matchers: [], known })).toEqual({ labels: { cluster: "c", group: "g", alertname: "QueueBacklog", severity: "warning" }, value: 12 });
  });
});

describe("splitRuleName", () => {
  it.each([
    ["ConsumerGroupStatusError", ["Consumer", "Group", "Status", "Error"]],
    ["UI2 queue backlog", ["UI2 ", "queue ", "backlog"]],
    ["orders.lag-high", ["orders.", "lag-", "high"]],
    ["Rabbitmq2Down", ["Rabbitmq2", "Down"]],
  ])("%s", (name, parts) => {
    expect(splitRuleName(name)).toEqual(parts);
  });
});
