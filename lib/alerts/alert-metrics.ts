// The metrics an alert rule can watch: the store's series names (README "metric table"), each with the labels
// that identify one entity (one alert instance per entity) and how often polls write it. Client-safe: the rule
// editor offers these, the API validates against them, the evaluator reads `cadence`.

export interface AlertMetric {
  name: string;
  /** the entity labels a sample carries; every instance also has `cluster` */
  labels: readonly string[];
  unit: string;
  help: string;
  /** "slow": written only on polls that re-read slow-changing state (RabbitMQ node health), so a poll without it is not "no data" */
  cadence: "poll" | "slow";
}

const metric = (name: string, labels: readonly string[], unit: string, help: string, cadence: "poll" | "slow" = "poll"): AlertMetric => ({ name, labels, unit, help, cadence });
const GROUP = ["group"] as const;
const QUEUE = ["vhost", "queue"] as const;

export const ALERT_METRICS = [
  metric("queuewatch_cluster_up", [], "0/1", "1 when the cluster's latest poll succeeded, 0 when it failed (unreachable, refused)"),
  metric("kafka_group_lag", GROUP, "messages", "total lag of a consumer group"),
  metric("kafka_group_max_lag", GROUP, "messages", "largest partition lag of a group"),
  metric("kafka_group_lag_seconds", GROUP, "seconds", "age of the group's oldest unconsumed message"),
  metric("kafka_group_status", GROUP, "0 OK / 1 WARN / 2 ERR", "the group's lag status (≥ 1: WARN or worse, ≥ 2: ERR, STOP or STALL)"),
  metric("kafka_group_catch_up_seconds", GROUP, "seconds", "estimated time until the group has consumed its lag"),
  metric("kafka_group_consume_rate", GROUP, "messages/s", "messages consumed per second"),
  metric("kafka_partition_lag", ["group", "topic", "partition"], "messages", "lag of one partition"),
  metric("kafka_partition_lag_seconds", ["group", "topic", "partition"], "seconds", "age of a partition's oldest unconsumed message"),
  metric("kafka_topic_produce_rate", ["topic"], "messages/s", "messages produced per second (= 0 for 10 m: producers stopped)"),
  metric("kafka_under_replicated_partitions", [], "partitions", "partitions with fewer in-sync replicas than replicas"),
  metric("kafka_offline_partitions", [], "partitions", "partitions without a leader"),
  metric("rabbitmq_queue_messages", QUEUE, "messages", "queue depth (ready + unacked)"),
  metric("rabbitmq_queue_messages_ready", QUEUE, "messages", "messages ready for delivery"),
  metric("rabbitmq_queue_messages_unacked", QUEUE, "messages", "messages delivered, not yet acknowledged"),
  metric("rabbitmq_queue_consumers", QUEUE, "consumers", "consumers attached to the queue"),
  metric("rabbitmq_queue_ready_without_consumers", QUEUE, "messages", "ready messages in a queue with no consumers (0 for dead-letter queues)"),
  metric("rabbitmq_queue_growth_rate", QUEUE, "messages/s", "depth trend over the growth window (> 0: growing)"),
  metric("rabbitmq_queue_publish_rate", QUEUE, "messages/s", "messages published per second"),
  metric("rabbitmq_queue_redeliver_rate", QUEUE, "messages/s", "messages redelivered per second"),
  metric("rabbitmq_queue_consumer_capacity", QUEUE, "0–1", "share of time the queue can deliver to consumers at once"),
  metric("rabbitmq_dead_letter_queue_messages", QUEUE, "messages", "depth of a queue that receives dead letters"),
  metric("rabbitmq_queue_dead_letter_inflow_rate", QUEUE, "messages/s", "dead letters per second into a dead-letter queue"),
  metric("rabbitmq_node_mem_alarm", ["node"], "0/1", "1 while the node's memory alarm blocks publishers", "slow"),
  metric("rabbitmq_node_disk_alarm", ["node"], "0/1", "1 while the node's disk-free alarm blocks publishers", "slow"),
  metric("rabbitmq_node_running", ["node"], "0/1", "1 while the node runs", "slow"),
] as const satisfies readonly AlertMetric[];

export type AlertMetricName = (typeof ALERT_METRICS)[number]["name"];
export const ALERT_METRIC_NAMES = ALERT_METRICS.map((m) => m.name) as [AlertMetricName, ...AlertMetricName[]];

const BY_NAME: ReadonlyMap<string, AlertMetric> = new Map(ALERT_METRICS.map((m) => [m.name, m]));
export const alertMetric = (name: string): AlertMetric | undefined => BY_NAME.get(name);
