// SASL/SCRAM-SHA-512 and TLS with a custom CA, each against a real broker listener.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsOfKind } from "@/lib/brokers/registry";
import { describeError } from "@/lib/util/describe-error";
import { parseConfig } from "@/lib/config/parse-config";
import type { KafkaClusterConfig } from "@/lib/config/schema";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { startSecureBroker, type SecureBroker } from "../support/secure-kafka";

let broker: SecureBroker;

beforeAll(async () => {
  broker = await startSecureBroker();
}, 180_000);

afterAll(async () => {
  await broker?.stop();
});

async function collectWith(cluster: KafkaClusterConfig): Promise<{ ok: true; brokers: number } | { ok: false; error: string }> {
  const adapter = new KafkaAdapter(cluster);
  try {
    const result = await adapter.collect();
    return { ok: true, brokers: result.brokers?.length ?? 0 };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  } finally {
    await adapter.close();
  }
}

function clusterFromYaml(yaml: string, env: Record<string, string>): KafkaClusterConfig {
  const parsed = parseConfig(yaml, "security-test.yaml", env).clusters[0];
  const cluster = parsed && settingsOfKind(parsed, "kafka");
  if (!cluster) throw new Error("expected a kafka cluster");
  return cluster;
}

describe("Kafka security", () => {
  it("polls through a SASL/SCRAM-SHA-512 listener with the right password, and reports the wrong one", async () => {
    const yaml = `clusters:\n  - id: scram\n    kind: kafka\n    brokers: ["${broker.saslBroker}"]\n    sasl: {mechanism: scram-sha-512, username: ${broker.username}, password: \"\${KAFKA_PASSWORD}\"}\n`;
    expect(await collectWith(clusterFromYaml(yaml, { KAFKA_PASSWORD: broker.password }))).toEqual({ ok: true, brokers: 1 });
    const wrong = await collectWith(clusterFromYaml(yaml, { KAFKA_PASSWORD: "not-the-password" }));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toMatch(/SASL|authentic/i);
  });

  it("polls through a TLS listener when given the custom CA, and refuses the unknown CA otherwise", async () => {
    const withCa = `clusters:\n  - id: tls\n    kind: kafka\n    brokers: ["${broker.sslBroker}"]\n    ssl: {ca: ${broker.caPemFile}}\n`;
    expect(await collectWith(clusterFromYaml(withCa, {}))).toEqual({ ok: true, brokers: 1 });
    const withoutCa = `clusters:\n  - id: tls\n    kind: kafka\n    brokers: ["${broker.sslBroker}"]\n    ssl: true\n`;
    const refused = await collectWith(clusterFromYaml(withoutCa, {}));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatch(/certificate|self.signed|verify/i);
  });
});
