import "server-only";
import { toNumber } from "@/lib/store/bigint";
import type { RabbitmqQueue } from "@prisma/client";
import type { NodesDto, QueueDetailDto, QueueDto, QueueRefDto } from "@/lib/api/types";
import type { Db } from "@/lib/db/prisma";
import { deadLetterSources, queueKey, sortRefs } from "@/lib/rabbitmq/dead-letter-topology";
import { noConsumersAlarm, noConsumersFor } from "@/lib/rabbitmq/queue-signals";

function isQueueRef(value: unknown): value is QueueRefDto {
  return typeof value === "object" && value !== null && "vhost" in value && "name" in value && typeof value.vhost === "string" && typeof value.name === "string";
}

const targetsOf = (row: RabbitmqQueue): QueueRefDto[] => (Array.isArray(row.deadLetterTargets) ? (row.deadLetterTargets as unknown[]).filter(isQueueRef) : []);

function toQueueDto(row: RabbitmqQueue, sources: QueueRefDto[], noConsumersAfterMs: number): QueueDto {
  const targets = targetsOf(row);
  const noConsumers = noConsumersFor(row.noConsumersSince?.getTime() ?? null, row.polledAt.getTime(), noConsumersAfterMs);
  return {
    vhost: row.vhost,
    name: row.name,
    type: row.type,
    messages: toNumber(row.messages),
    messagesReady: toNumber(row.messagesReady),
    messagesUnacknowledged: toNumber(row.messagesUnacknowledged),
    consumers: row.consumers,
    consumerCapacity: row.consumerCapacity,
    publishRate: row.publishRate,
    deliverRate: row.deliverRate,
    ackRate: row.ackRate,
    redeliverRate: row.redeliverRate,
    deadLetterInflowRate: row.deadLetterInflowRate,
    deadLetterOutRate: row.deadLetterOutRate,
    deadLetterDropped: row.deadLetterDropped,
    deadLetterLoop: row.deadLetterLoop,
    deadLetterQueue: targets[0] ?? null,
    deadLetterSources: sources,
    noConsumers,
    noConsumersAlarm: noConsumersAlarm(noConsumers, sources.length > 0, row.publishRate),
    noConsumersSince: row.noConsumersSince?.toISOString() ?? null,
    growing: row.growthRate !== null,
    growthRate: row.growthRate,
    polledAt: row.polledAt.toISOString(),
  };
}

/** Every queue of the latest completed poll, with its dead-letter queue and sources, sorted by vhost and name. */
export async function queryQueues(db: Db, clusterId: string, noConsumersAfterMs: number): Promise<QueueDto[]> {
  const rows = await db.rabbitmqQueue.findMany({ where: { clusterId } });
  const sources = deadLetterSources(new Map(rows.map((row) => [queueKey(row), { targets: targetsOf(row) }])));
  return sortRefs(rows.map((row) => toQueueDto(row, sources.get(queueKey(row)) ?? [], noConsumersAfterMs)));
}

/** One queue with its dead-letter settings, or null when the latest poll did not see it. */
export async function queryQueue(db: Db, clusterId: string, vhost: string, name: string, noConsumersAfterMs: number): Promise<QueueDetailDto | null> {
  const row = await db.rabbitmqQueue.findUnique({ where: { clusterId_vhost_name: { clusterId, vhost, name } } });
  if (!row) return null;
  const sourceRows = await db.rabbitmqQueue.findMany({
    where: { clusterId, deadLetterTargets: { array_contains: [{ vhost, name }] } },
    select: { vhost: true, name: true },
  });
  const dto = toQueueDto(row, sortRefs(sourceRows), noConsumersAfterMs);
  const deadLetter = row.deadLetterExchange !== null && row.deadLetterFrom !== null && row.deadLetterRouting !== null
    ? { exchange: row.deadLetterExchange, routingKey: row.deadLetterRoutingKey, from: row.deadLetterFrom, routing: row.deadLetterRouting, targets: targetsOf(row) }
    : null;
  return { ...dto, deadLetter };
}

/** Node health as of the latest management read. */
export async function queryNodes(db: Db, clusterId: string): Promise<NodesDto> {
  const rows = await db.rabbitmqNode.findMany({ where: { clusterId }, orderBy: { name: "asc" } });
  return {
    nodes: rows.map((r) => ({
      name: r.name, running: r.running, memUsed: toNumber(r.memUsed), memLimit: toNumber(r.memLimit), memAlarm: r.memAlarm,
      diskFree: toNumber(r.diskFree), diskFreeLimit: toNumber(r.diskFreeLimit), diskFreeAlarm: r.diskFreeAlarm, fdUsed: r.fdUsed, fdTotal: r.fdTotal,
      socketsUsed: r.socketsUsed, socketsTotal: r.socketsTotal, procUsed: r.procUsed, procTotal: r.procTotal, uptimeMs: toNumber(r.uptimeMs), partitions: r.partitions,
    })),
    partitioned: rows.some((r) => r.partitions.length > 0),
    polledAt: rows[0]?.polledAt.toISOString() ?? null,
  };
}
