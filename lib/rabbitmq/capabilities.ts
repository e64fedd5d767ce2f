import type { KindCapabilities } from "@/lib/brokers/types";

/** What RabbitMQ clusters offer, and how pages speak of them. Client-safe. */
export const RABBITMQ_CAPABILITIES: KindCapabilities = {
  label: "RabbitMQ",
  mainView: "queues",
  resources: ["queues", "nodes"],
  hints: {
    credentialsRejected: "Set this cluster's username and password in queuewatch.yaml to a RabbitMQ user with the \"monitoring\" tag (rabbitmqctl set_user_tags <user> monitoring), then restart the collector. Waiting will not help.",
    unreachable: {
      title: "Cannot reach the RabbitMQ management API",
      fix: "Check this cluster's managementUrl in queuewatch.yaml, that the node is running and that the rabbitmq_management plugin is enabled.",
    },
  },
};
