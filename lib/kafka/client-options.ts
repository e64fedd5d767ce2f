import "server-only";
import { readFileSync } from "node:fs";
import type { KafkaConfig, SASLOptions } from "kafkajs";
import { logLevel } from "kafkajs";
import type { KafkaClusterConfig } from "@/lib/config/schema";

function readPem(file: string | undefined, what: string, clusterId: string): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cluster ${clusterId}: cannot read ssl.${what} file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function saslOptions(cluster: KafkaClusterConfig): SASLOptions | undefined {
  const sasl = cluster.sasl;
  if (!sasl) return undefined;
  switch (sasl.mechanism) {
    case "plain":
      return { mechanism: "plain", username: sasl.username, password: sasl.password };
    case "scram-sha-256":
      return { mechanism: "scram-sha-256", username: sasl.username, password: sasl.password };
    case "scram-sha-512":
      return { mechanism: "scram-sha-512", username: sasl.username, password: sasl.password };
  }
}

/** Maps our cluster config to kafkajs options. Short timeouts: a poll must fail fast, not hang. */
export function kafkaClientOptions(cluster: KafkaClusterConfig): KafkaConfig {
  const ssl =
    cluster.ssl === undefined || typeof cluster.ssl === "boolean"
      ? cluster.ssl
      : {
          ca: readPem(cluster.ssl.ca, "ca", cluster.id),
          cert: readPem(cluster.ssl.cert, "cert", cluster.id),
          key: readPem(cluster.ssl.key, "key", cluster.id),
          rejectUnauthorized: cluster.ssl.rejectUnauthorized ?? true,
        };
  return {
    clientId: "queuewatch",
    brokers: cluster.brokers,
    ssl,
    sasl: saslOptions(cluster),
    connectionTimeout: 3000,
    authenticationTimeout: 5000,
    requestTimeout: 15000,
    retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1000 },
    // Failures are reported through the poll outcome (cluster down + error text), not logs.
    logLevel: logLevel.NOTHING,
  };
}
