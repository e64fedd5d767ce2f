import { describe, expect, it } from "vitest";
import type { ClusterConfig } from "./schema";
import { secretsOf } from "./secrets";

const retention = { rawDays: 7, oneMinuteDays: 35, oneHourDays: 400 };

describe("secretsOf", () => {
  it.each<{ name: string; clusters: ClusterConfig[]; secrets: string[] }>([
    { name: "no clusters", clusters: [], secrets: [] },
    { name: "Kafka without SASL", clusters: [{ id: "k", kind: "kafka", brokers: ["h:1"] }], secrets: [] },
    { name: "Kafka with SASL", clusters: [{ id: "k", kind: "kafka", brokers: ["h:1"], sasl: { mechanism: "plain", username: "u", password: "kp" } }], secrets: ["kp"] },
    { name: "RabbitMQ, and an empty password is no secret", clusters: [
      { id: "r", kind: "rabbitmq", managementUrl: "http://h:15672", username: "u", password: "rp" },
      { id: "s", kind: "rabbitmq", managementUrl: "http://h:15672", username: "u", password: "" },
    ], secrets: ["rp"] },
  ])("$name", ({ clusters, secrets }) => {
    expect(secretsOf({ pollIntervalSeconds: 10, retention, clusters })).toEqual(secrets);
  });
});
