import type { KindCapabilities } from "@/lib/brokers/types";

/** What Kafka clusters offer, and how pages speak of them. Client-safe. */
export const KAFKA_CAPABILITIES: KindCapabilities = {
  label: "Kafka",
  mainView: "consumer-groups",
  resources: ["consumer-groups", "topics", "brokers"],
  hints: {
    credentialsRejected: "Fix this cluster's SASL username and password in queuewatch.yaml, then restart the collector. Waiting will not help.",
    unreachable: {
      title: "Cannot reach the brokers",
      fix: "Check that the brokers listed for this cluster in queuewatch.yaml are running and reachable from the collector (host and port, TLS and SASL settings).",
    },
  },
};
