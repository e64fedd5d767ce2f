import "server-only";
import type { BrokerAdapter, CollectResult } from "@/lib/brokers/types";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import { getManagementJson } from "./management-client";

/**
 * RabbitMQ adapter. For now it proves reachability (cluster up/down with the error
 * text); queue depth, rates and DLQ topology arrive with the RabbitMQ collector issue.
 */
export class RabbitmqAdapter implements BrokerAdapter {
  constructor(private readonly cluster: RabbitmqClusterConfig) {}

  async collect(): Promise<CollectResult> {
    await getManagementJson(this.cluster, "api/overview?columns=rabbitmq_version,cluster_name");
    return { consumerGroups: null, brokers: null, topics: null, brokerRequests: 1 };
  }

  async close(): Promise<void> {}
}
