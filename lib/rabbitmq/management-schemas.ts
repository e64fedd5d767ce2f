import { z } from "zod";
import type { QueueSnapshot, RabbitNodeSnapshot } from "./types";
import type { BindingDef, ExchangeDef, QueueDef } from "./dead-letter-topology";
import type { QueueCounters } from "./queue-rates";

// The management API's JSON, validated field by field: a broker version that renames a
// field gives a clear error or a null, never `undefined` flowing into the store.

const count = z.number().nonnegative();
const optionalNumber = z.number().nullish().transform((v) => v ?? null);
const table = z.record(z.string(), z.unknown());

/** Columns the collector asks for: one unpaged request with `columns=` (measured 4× cheaper than paging). */
export const QUEUE_DEFINITION_COLUMNS = ["vhost", "name", "type", "arguments", "effective_policy_definition", "consumer_capacity", "consumer_utilisation"] as const;
export const QUEUE_FULL_COLUMNS = [
  ...QUEUE_DEFINITION_COLUMNS, "messages", "messages_ready", "messages_unacknowledged", "consumers",
  "message_stats.publish", "message_stats.deliver_get", "message_stats.ack", "message_stats.redeliver",
  "message_stats.deliver_no_ack", "message_stats.get_no_ack",
] as const;
export const NODE_COLUMNS = [
  "name", "running", "mem_used", "mem_limit", "mem_alarm", "disk_free", "disk_free_limit", "disk_free_alarm", "fd_used", "fd_total",
  "sockets_used", "sockets_total", "proc_used", "proc_total", "uptime", "partitions",
] as const;

const queueRow = z.object({
  vhost: z.string(),
  name: z.string(),
  type: z.string().nullish(),
  arguments: table.nullish(),
  effective_policy_definition: z.union([table, z.array(z.unknown())]).nullish(),
  consumer_capacity: optionalNumber,
  consumer_utilisation: optionalNumber,
  messages: count.nullish(),
  messages_ready: count.nullish(),
  messages_unacknowledged: count.nullish(),
  consumers: count.nullish(),
  message_stats: z
    .object({ publish: count.optional(), deliver_get: count.optional(), ack: count.optional(), redeliver: count.optional(), deliver_no_ack: count.optional(), get_no_ack: count.optional() })
    .nullish(),
});
export const queueRows = z.array(queueRow);
export type QueueRow = z.infer<typeof queueRow>;

export const exchangeRows = z.array(z.object({ vhost: z.string(), name: z.string(), type: z.string() }));
export const bindingRows = z.array(
  z.object({ vhost: z.string(), source: z.string(), destination: z.string(), destination_type: z.string(), routing_key: z.string(), arguments: table.nullish() }),
);
const nodeRow = z.object({
  name: z.string(),
  running: z.boolean().nullish(),
  mem_used: optionalNumber,
  mem_limit: optionalNumber,
  mem_alarm: z.boolean().nullish(),
  disk_free: optionalNumber,
  disk_free_limit: optionalNumber,
  disk_free_alarm: z.boolean().nullish(),
  fd_used: optionalNumber,
  fd_total: optionalNumber,
  sockets_used: optionalNumber,
  sockets_total: optionalNumber,
  proc_used: optionalNumber,
  proc_total: optionalNumber,
  uptime: optionalNumber,
  partitions: z.array(z.string()).nullish(),
});
export const nodeRows = z.array(nodeRow);

/** What the slow cadence remembers of a queue between listings. */
export interface QueueDefinition extends QueueDef {
  type: string;
  consumerCapacity: number | null;
}

export function toQueueDefinition(row: QueueRow): QueueDefinition {
  const policy = row.effective_policy_definition;
  return {
    vhost: row.vhost,
    name: row.name,
    type: row.type ?? "unknown",
    arguments: row.arguments ?? {},
    // An empty policy definition is serialised as [] by some versions.
    policyDefinition: policy && !Array.isArray(policy) && Object.keys(policy).length > 0 ? policy : null,
    // 3.x reports both names; 4.x only consumer_capacity; older ones only consumer_utilisation.
    consumerCapacity: row.consumer_capacity ?? row.consumer_utilisation,
  };
}

/** A full management row as a poll's snapshot; depth and consumers null when the broker did not report them. */
export function toQueueSnapshot(row: QueueRow): QueueSnapshot {
  const stats = row.message_stats ?? {};
  // message_stats is absent until a queue has seen traffic: all counters are 0 then.
  const counters: QueueCounters = {
    published: stats.publish ?? 0,
    delivered: stats.deliver_get ?? 0,
    acked: stats.ack ?? 0,
    redelivered: stats.redeliver ?? 0,
    removedNoAck: (stats.deliver_no_ack ?? 0) + (stats.get_no_ack ?? 0),
  };
  const definition = toQueueDefinition(row);
  return {
    vhost: row.vhost,
    name: row.name,
    type: definition.type,
    messages: row.messages ?? null,
    messagesReady: row.messages_ready ?? null,
    messagesUnacknowledged: row.messages_unacknowledged ?? null,
    consumers: row.consumers ?? null,
    consumerCapacity: definition.consumerCapacity,
    counters: new Map([["", counters]]),
  };
}

export function toExchangeDef(row: z.infer<typeof exchangeRows>[number]): ExchangeDef {
  return { vhost: row.vhost, name: row.name, type: row.type };
}

export function toBindingDef(row: z.infer<typeof bindingRows>[number]): BindingDef {
  return { vhost: row.vhost, source: row.source, destination: row.destination, destinationType: row.destination_type, routingKey: row.routing_key, arguments: row.arguments ?? {} };
}

export function toNodeSnapshot(row: z.infer<typeof nodeRow>): RabbitNodeSnapshot {
  return {
    name: row.name,
    running: row.running ?? false,
    memUsed: row.mem_used,
    memLimit: row.mem_limit,
    memAlarm: row.mem_alarm ?? false,
    diskFree: row.disk_free,
    diskFreeLimit: row.disk_free_limit,
    diskFreeAlarm: row.disk_free_alarm ?? false,
    fdUsed: row.fd_used,
    fdTotal: row.fd_total,
    socketsUsed: row.sockets_used,
    socketsTotal: row.sockets_total,
    procUsed: row.proc_used,
    procTotal: row.proc_total,
    uptimeMs: row.uptime,
    partitions: row.partitions ?? [],
  };
}
