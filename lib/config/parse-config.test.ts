import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./parse-config";

const valid = `
pollIntervalSeconds: 10
clusters:
  - id: local-kafka
    name: Local Kafka
    kind: kafka
    brokers: ["127.0.0.1:9092"]
    pollIntervalSeconds: 5
  - id: local-rabbitmq
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    amqpUrl: amqp://127.0.0.1:5672
    username: guest
    password: \${RABBITMQ_PASSWORD}
`;

function errorOf(text: string, env: Record<string, string> = {}): string {
  try {
    parseConfig(text, "/etc/qw.yaml", env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("parses the documented example and substitutes ${ENV} secrets", () => {
    const config = parseConfig(valid, "qw.yaml", { RABBITMQ_PASSWORD: "s3cret" });
    expect(config.pollIntervalSeconds).toBe(10);
    expect(config.clusters).toHaveLength(2);
    const rabbit = config.clusters[1];
    expect(rabbit?.kind === "rabbitmq" && rabbit.password).toBe("s3cret");
    const kafka = config.clusters[0];
    expect(kafka?.kind === "kafka" && kafka.brokers).toEqual(["127.0.0.1:9092"]);
  });

  it("defaults the poll interval and the cluster list", () => {
    const defaults = { pollIntervalSeconds: 10, retention: { rawDays: 7, oneMinuteDays: 35, oneHourDays: 400 }, clusters: [] };
    expect(parseConfig("{}", "qw.yaml", {})).toEqual(defaults);
    expect(parseConfig("", "qw.yaml", {})).toEqual(defaults);
    expect(parseConfig("retention: {rawDays: 2}", "qw.yaml", {}).retention).toEqual({ rawDays: 2, oneMinuteDays: 35, oneHourDays: 400 });
  });

  it.each([
    ["a missing env var", valid, {}, ["/etc/qw.yaml", "clusters[1].password", "RABBITMQ_PASSWORD is not set"]],
    ["broken YAML", "clusters: [\n  - id: x", {}, ["/etc/qw.yaml", "invalid YAML"]],
    ["an unknown kind", "clusters:\n  - id: a\n    kind: nats\n", {}, ["/etc/qw.yaml", "clusters[0].kind"]],
    ["a bad slug", "clusters:\n  - id: Bad Id\n    kind: kafka\n    brokers: ['h:1']\n", {}, ["clusters[0].id", "slug"]],
    ["a broker without port", "clusters:\n  - id: a\n    kind: kafka\n    brokers: ['localhost']\n", {}, ["clusters[0].brokers[0]", "host:port"]],
    ["no brokers", "clusters:\n  - id: a\n    kind: kafka\n    brokers: []\n", {}, ["clusters[0].brokers", "at least one broker"]],
    ["a misspelt key", "pollIntervalSecond: 5\n", {}, ["pollIntervalSecond"]],
    ["a zero interval", "pollIntervalSeconds: 0\n", {}, ["pollIntervalSeconds"]],
    ["a zero retention", "retention: {oneHourDays: 0}\n", {}, ["retention.oneHourDays"]],
    ["an unknown retention tier", "retention: {weekly: 3}\n", {}, ["retention", "weekly"]],
    ["a duplicate id", "clusters:\n  - {id: a, kind: kafka, brokers: ['h:1']}\n  - {id: a, kind: kafka, brokers: ['h:2']}\n", {}, ["clusters[1].id", "duplicate"]],
    ["a bad management URL", "clusters:\n  - {id: r, kind: rabbitmq, managementUrl: 'ftp://x', username: u, password: p}\n", {}, ["clusters[0].managementUrl"]],
  ])("rejects %s with file, field and reason", (_name, text, env, fragments) => {
    const message = errorOf(text, env);
    for (const fragment of fragments) expect(message).toContain(fragment);
  });
});
