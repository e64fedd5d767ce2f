import "server-only";
import { toBigInt } from "./bigint";
import type { BrokerNode, ConsumerGroupSnapshot, QueueSnapshot, RabbitNodeSnapshot, TopicSnapshot } from "@/lib/brokers/types";
import type { DeadLetterRoute } from "@/lib/rabbitmq/dead-letter-topology";
import type { QueueInsight } from "@/lib/rabbitmq/queue-tracker";
import type { Db } from "@/lib/db/prisma";
import { summarizeGroupLag } from "@/lib/lag/compute-lag";
import type { GroupInsight, TopicRates } from "@/lib/lag/lag-tracker";
import { BULK_STATEMENT_ROWS, chunks } from "@/lib/util/chunks";
import { writeRabbitmqSnapshot } from "./write-rabbitmq-snapshot";
import { writeSamples, type SampleRow } from "./write-samples";

export interface PollOutcome {
  clusterId: string;
  startedAt: Date;
  durationMs: number;
  error: string | null;
}

/** What a successful poll found and derived, ready to store. */
export interface PollFindings {
  consumerGroups: readonly ConsumerGroupSnapshot[] | null;
  brokers: readonly BrokerNode[] | null;
  topics: readonly TopicSnapshot[] | null;
  /** messages/s produced per topic and partition since the previous poll */
  produceRates: ReadonlyMap<string, TopicRates>;
  insights: readonly GroupInsight[];
  samples: readonly SampleRow[];
  queues: readonly QueueSnapshot[] | null;
  queueInsights: ReadonlyMap<string, QueueInsight>;
  deadLetterRoutes: ReadonlyMap<string, DeadLetterRoute> | null;
  nodes: readonly RabbitNodeSnapshot[] | null;
}

/**
 * Prisma's interactive transactions default to 5 s; a poll of a large cluster (1,000 groups,
 * 100,000+ group partitions) writes for longer than that on two cores.
 */
const RECORD_POLL_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

export const NO_FINDINGS: PollFindings = {
  consumerGroups: null, brokers: null, topics: null, produceRates: new Map(), insights: [], samples: [],
  queues: null, queueInsights: new Map(), deadLetterRoutes: null, nodes: null,
};

/**
 * Writes one completed poll in a single transaction: the outcome, the poll's samples
 * (one batched insert) and the replacement snapshots of brokers, topics, groups and
 * partitions the broker has. Readers never see half a poll.
 */
export async function recordPoll(db: Db, outcome: PollOutcome, findings: PollFindings): Promise<void> {
  const { consumerGroups, brokers, topics, produceRates, insights, samples } = findings;
  const { clusterId, startedAt, durationMs, error } = outcome;
  const polledAt = new Date(startedAt.getTime() + durationMs);
  await db.$transaction(async (tx) => {
    await tx.pollRun.create({ data: { clusterId, startedAt, durationMs, ok: error === null, error } });
    if (error !== null) {
      await tx.cluster.update({ where: { id: clusterId }, data: { status: "down", lastPolledAt: polledAt, lastPollDurationMs: durationMs, lastError: error } });
      // Only the first failure of a streak sets downSince; later failures keep it.
      await tx.cluster.updateMany({ where: { id: clusterId, downSince: null }, data: { downSince: startedAt } });
      return;
    }
    await tx.cluster.update({
      where: { id: clusterId },
      data: { status: "up", lastPolledAt: polledAt, lastSuccessAt: polledAt, downSince: null, lastPollDurationMs: durationMs, lastError: null },
    });
    await writeSamples(tx, samples);
    await writeRabbitmqSnapshot(tx, clusterId, polledAt, findings);
    if (brokers !== null) {
      await tx.kafkaBroker.deleteMany({ where: { clusterId } });
      await tx.kafkaBroker.createMany({ data: brokers.map((b) => ({ clusterId, nodeId: b.nodeId, host: b.host, port: b.port, isController: b.isController, polledAt })) });
    }
    if (topics !== null) {
      await tx.kafkaTopic.deleteMany({ where: { clusterId } });
      await tx.kafkaTopic.createMany({
        data: topics.map((t) => ({
          clusterId,
          name: t.name,
          internal: t.internal,
          partitions: t.partitions.length,
          replicationFactor: t.replicationFactor,
          underReplicatedPartitions: t.underReplicatedPartitions,
          offlinePartitions: t.offlinePartitions,
          produceRate: produceRates.get(t.name)?.perSecond ?? null,
          partitionDetails: t.partitions.map((p) => ({ ...p, produceRate: produceRates.get(t.name)?.partitions.get(p.partition) ?? null })),
          polledAt,
        })),
      });
    }
    if (consumerGroups === null) return;

    await tx.partitionOffset.deleteMany({ where: { clusterId } });
    await tx.consumerGroup.deleteMany({ where: { clusterId } });
    const summaries = consumerGroups.map((g) => summarizeGroupLag(g.partitions));
    const insightOf = new Map(insights.map((i) => [i.groupId, i]));
    await tx.consumerGroup.createMany({
      data: consumerGroups.map((group, i) => {
        const insight = insightOf.get(group.groupId);
        return {
          clusterId,
          groupId: group.groupId,
          state: group.state,
          protocol: group.protocol,
          members: group.members.length,
          groupProtocol: group.groupProtocol,
          membersDetail: group.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.host, assignment: m.assignment.map((a) => ({ topic: a.topic, partitions: [...a.partitions] })) })),
          totalLag: toBigInt(summaries[i]?.totalLag ?? null),
          maxLag: toBigInt(summaries[i]?.maxLag ?? null),
          topics: [...new Set(group.partitions.map((p) => p.topic))],
          status: insight?.status ?? "UNKNOWN",
          lagSeconds: insight?.lagSeconds ?? null,
          lagSecondsExact: insight?.lagSecondsExact ?? true,
          catchUpSeconds: insight?.catchUpSeconds ?? null,
          consumeRate: insight?.consumePerSecond ?? null,
          produceRate: insight?.producePerSecond ?? null,
          polledAt,
        };
      }),
    });

    // Partition rows can number in the hundreds of thousands: unnest inserts in chunks, not createMany.
    const rows = consumerGroups.flatMap((g) => {
      const byPartition = new Map(insightOf.get(g.groupId)?.partitions.map((p) => [`${p.topic}\u0000${p.partition}`, p]) ?? []);
      return g.partitions.map((p) => {
        const insight = byPartition.get(`${p.topic}\u0000${p.partition}`);
        return { groupId: g.groupId, ...p, lagSeconds: insight?.lagSeconds ?? null, exact: insight?.lagSecondsExact ?? true, status: insight?.status ?? "UNKNOWN" };
      });
    });
    for (const chunk of chunks(rows, BULK_STATEMENT_ROWS)) {
      await tx.$executeRaw`
        INSERT INTO partition_offsets (cluster_id, group_id, topic, partition, committed_offset, end_offset, lag, lag_seconds, lag_seconds_exact, status, polled_at)
        SELECT ${clusterId}, g, t, p, c, e, l, ls, lx, st, ${polledAt}
        FROM unnest(${chunk.map((r) => r.groupId)}::text[], ${chunk.map((r) => r.topic)}::text[], ${chunk.map((r) => r.partition)}::int[],
                    ${chunk.map((r) => r.committedOffset)}::bigint[], ${chunk.map((r) => r.endOffset)}::bigint[], ${chunk.map((r) => r.lag)}::bigint[],
                    ${chunk.map((r) => r.lagSeconds)}::float8[], ${chunk.map((r) => r.exact)}::bool[], ${chunk.map((r) => r.status)}::text[])
             AS u(g, t, p, c, e, l, ls, lx, st)`;
    }
  }, RECORD_POLL_TRANSACTION);
}
