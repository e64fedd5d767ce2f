import "server-only";
import type { DbTransaction } from "@/lib/db/prisma";
import { toBigInt } from "@/lib/store/bigint";
import { BULK_STATEMENT_ROWS, chunks } from "@/lib/util/chunks";
import { deadLetterLoops, deadLettersDropped, queueKey } from "../dead-letter-topology";
import type { QueueInsight } from "../queue-tracker";
import type { RabbitmqCollectResult } from "../types";

/** A RabbitMQ poll and what the queue tracker derived from it, ready to store. */
export interface RabbitmqSnapshot {
  result: RabbitmqCollectResult;
  queueInsights: ReadonlyMap<string, QueueInsight>;
}

/**
 * Replaces a RabbitMQ cluster's queue and node snapshots inside the poll's transaction.
 * Queues go in unnest chunks: a cluster can have tens of thousands of them.
 */
export async function writeRabbitmqSnapshot(tx: DbTransaction, clusterId: string, polledAt: Date, snapshot: RabbitmqSnapshot): Promise<void> {
  const { result: { queues, deadLetterRoutes, nodes }, queueInsights } = snapshot;
  if (nodes !== null) {
    await tx.rabbitmqNode.deleteMany({ where: { clusterId } });
    await tx.rabbitmqNode.createMany({
      data: nodes.map((n) => ({
        clusterId, name: n.name, running: n.running, memUsed: toBigInt(n.memUsed), memLimit: toBigInt(n.memLimit), memAlarm: n.memAlarm,
        diskFree: toBigInt(n.diskFree), diskFreeLimit: toBigInt(n.diskFreeLimit), diskFreeAlarm: n.diskFreeAlarm, fdUsed: n.fdUsed, fdTotal: n.fdTotal,
        socketsUsed: n.socketsUsed, socketsTotal: n.socketsTotal, procUsed: n.procUsed, procTotal: n.procTotal, uptimeMs: toBigInt(n.uptimeMs),
        partitions: n.partitions, polledAt,
      })),
    });
  }
  await tx.rabbitmqQueue.deleteMany({ where: { clusterId } });
  const loops = deadLetterLoops(deadLetterRoutes);
  const rows = queues.map((q) => {
    const key = queueKey(q);
    const insight = queueInsights.get(key);
    const route = deadLetterRoutes.get(key);
    return {
      vhost: q.vhost, name: q.name, type: q.type, messages: q.messages, messagesReady: q.messagesReady, messagesUnacknowledged: q.messagesUnacknowledged,
      consumers: q.consumers, capacity: q.consumerCapacity,
      publish: insight?.rates.publishRate ?? null, deliver: insight?.rates.deliverRate ?? null, ack: insight?.rates.ackRate ?? null,
      redeliver: insight?.rates.redeliverRate ?? null, inflow: insight?.deadLetterInflowRate ?? null, outflow: insight?.deadLetterOutRate ?? null,
      dropped: route ? deadLettersDropped(route) : false, loop: loops.has(key),
      dlx: route?.config.exchange ?? null, dlrk: route?.config.routingKey ?? null, dlFrom: route?.config.from ?? null, dlRouting: route?.routing ?? null,
      targets: JSON.stringify(route?.targets ?? []),
      since: insight?.noConsumersSince == null ? null : new Date(insight.noConsumersSince),
      growth: insight?.growthRate ?? null,
    };
  });
  for (const chunk of chunks(rows, BULK_STATEMENT_ROWS)) {
    const col = <K extends keyof (typeof rows)[number]>(k: K): (typeof rows)[number][K][] => chunk.map((r) => r[k]);
    await tx.$executeRaw`
      INSERT INTO rabbitmq_queues (cluster_id, vhost, name, type, messages, messages_ready, messages_unacknowledged, consumers, consumer_capacity,
        publish_rate, deliver_rate, ack_rate, redeliver_rate, dead_letter_inflow_rate, dead_letter_exchange, dead_letter_routing_key,
        dead_letter_from, dead_letter_routing, dead_letter_targets, no_consumers_since, growth_rate, dead_letter_out_rate, dead_letter_dropped,
        dead_letter_loop, polled_at)
      SELECT ${clusterId}, v, n, t, m, r, u, c, cc, pr, dr, ar, rr, ir, x, k, f, rt, tg::jsonb, ns, g, o, dd, dl, ${polledAt}
      FROM unnest(${col("vhost")}::text[], ${col("name")}::text[], ${col("type")}::text[], ${col("messages")}::bigint[], ${col("messagesReady")}::bigint[],
                  ${col("messagesUnacknowledged")}::bigint[], ${col("consumers")}::int[], ${col("capacity")}::float8[], ${col("publish")}::float8[],
                  ${col("deliver")}::float8[], ${col("ack")}::float8[], ${col("redeliver")}::float8[], ${col("inflow")}::float8[],
                  ${col("dlx")}::text[], ${col("dlrk")}::text[], ${col("dlFrom")}::text[], ${col("dlRouting")}::text[], ${col("targets")}::text[],
                  ${col("since")}::timestamptz[], ${col("growth")}::float8[], ${col("outflow")}::float8[], ${col("dropped")}::boolean[],
                  ${col("loop")}::boolean[])
           AS u(v, n, t, m, r, u, c, cc, pr, dr, ar, rr, ir, x, k, f, rt, tg, ns, g, o, dd, dl)`;
  }
}
