import "server-only";
// Reads a range of offsets of one topic partition without a consumer group: no JoinGroup, no commits, nothing
// a group listing would show — the topic and every group's position stay exactly as they were. Uses kafkajs's
// internal Cluster (Metadata, ListOffsets and Fetch only); compressed batches decode through the registered
// codecs. Read-committed: records of aborted transactions and control records are skipped.
import Cluster, { type InternalBroker, type InternalFetchedMessage } from "kafkajs/src/cluster";
import { createLogger } from "kafkajs/src/loggers";
import defaultSocketFactory from "kafkajs/src/network/socketFactory";
import { logLevel, type KafkaConfig } from "kafkajs";
import { registerCompressionCodecs } from "./compression-codecs";

const EARLIEST = -2;
const LATEST = -1;
const READ_COMMITTED = 1;
/** A control record's key: version 0, type 0 (ABORT); COMMIT is type 1. */
const ABORT_MARKER = Buffer.from([0, 0, 0, 0]);

export interface PartitionRecord {
  offset: number;
  /** ms */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  /** in wire order; a repeated name appears once per value */
  headers: { name: string; value: Buffer | null }[];
}

export interface PartitionRead {
  records: PartitionRecord[];
  /** where the next read should start */
  nextOffset: number;
  /** the partition's log start and (stable) end when read */
  logStart: number;
  logEnd: number;
  /** `from` was past the end: the partition starts over (a topic deleted and made again) */
  reset: boolean;
}

const silentLogCreator = () => () => undefined;

export function createReaderCluster(config: KafkaConfig): Cluster {
  registerCompressionCodecs();
  return new Cluster({
    logger: createLogger({ level: logLevel.NOTHING, logCreator: silentLogCreator }),
    socketFactory: defaultSocketFactory(),
    brokers: config.brokers, ssl: config.ssl, sasl: config.sasl, clientId: config.clientId,
    connectionTimeout: config.connectionTimeout ?? 1000, authenticationTimeout: config.authenticationTimeout,
    requestTimeout: config.requestTimeout, enforceRequestTimeout: true, retry: config.retry,
    metadataMaxAge: 300_000, allowAutoTopicCreation: false, maxInFlightRequests: null, instrumentationEmitter: null,
  });
}

async function leaderOf(cluster: Cluster, topic: string, partition: number): Promise<InternalBroker> {
  await cluster.addTargetTopic(topic);
  const nodeId = Object.keys(cluster.findLeaderForPartitions(topic, [partition]))[0];
  if (nodeId === undefined) throw new Error(`partition ${partition} of topic ${topic} has no leader`);
  return cluster.findBroker({ nodeId });
}

async function listOffset(broker: InternalBroker, topic: string, partition: number, timestamp: number): Promise<number> {
  const { responses } = await broker.listOffsets({ replicaId: -1, isolationLevel: READ_COMMITTED, topics: [{ topic, partitions: [{ partition, timestamp }] }] });
  return Number(responses[0]?.partitions[0]?.offset ?? 0);
}

/** Decides, record by record in offset order, which belong to an aborted transaction. */
function abortedFilter(aborted: readonly { producerId: string; firstOffset: string }[] | null | undefined) {
  const pending = [...(aborted ?? [])].map((t) => ({ producerId: t.producerId, firstOffset: Number(t.firstOffset) })).sort((a, b) => a.firstOffset - b.firstOffset);
  const open = new Set<string>();
  return (message: InternalFetchedMessage): boolean => {
    const offset = Number(message.offset);
    while (pending.length > 0 && (pending[0]?.firstOffset ?? Infinity) <= offset) open.add(pending.shift()?.producerId ?? "");
    const { producerId, inTransaction } = message.batchContext;
    if (message.isControlRecord) {
      if (message.key && Buffer.from(message.key).equals(ABORT_MARKER)) open.delete(producerId);
      return false;
    }
    return inTransaction && open.has(producerId);
  };
}

function headerList(headers: InternalFetchedMessage["headers"]): PartitionRecord["headers"] {
  return Object.entries(headers ?? {}).flatMap(([name, value]) => (Array.isArray(value) ? value : [value ?? null]).map((v) => ({ name, value: v })));
}

/**
 * Records at offsets [from, to) (clamped to what the partition holds), at most `limit`; `maxBytes` per fetch
 * (the broker still returns a first batch larger than that). Starts at the log start when `from` is below it.
 */
export async function readPartitionRange(cluster: Cluster, request: { topic: string; partition: number; from: number; to?: number; limit: number; maxBytes?: number }): Promise<PartitionRead> {
  const { topic, partition, limit } = request;
  const maxBytes = request.maxBytes ?? 1_048_576;
  if (!cluster.isConnected()) await cluster.connect();
  const broker = await leaderOf(cluster, topic, partition);
  const logStart = await listOffset(broker, topic, partition, EARLIEST);
  const logEnd = await listOffset(broker, topic, partition, LATEST);
  // Past the end: the topic was deleted and made again; its offsets start over.
  const reset = request.from > logEnd;
  let offset = reset ? logStart : Math.max(request.from, logStart);
  const end = Math.min(request.to ?? logEnd, logEnd);
  const records: PartitionRecord[] = [];
  while (offset < end && records.length < limit) {
    const response = await broker.fetch({ replicaId: -1, isolationLevel: READ_COMMITTED, maxWaitTime: 100, minBytes: 1, maxBytes, topics: [{ topic, partitions: [{ partition, fetchOffset: String(offset), maxBytes }] }] });
    const fetched = response.responses[0]?.partitions[0];
    const messages = fetched?.messages ?? [];
    if (messages.length === 0) break;
    const isAborted = abortedFilter(fetched?.abortedTransactions);
    let next = offset;
    for (const message of messages) {
      const at = Number(message.offset);
      // Past the whole batch: compaction gaps and control batches leave holes in the offsets.
      next = Math.max(next, Number(message.batchContext.firstOffset) + message.batchContext.lastOffsetDelta + 1, at + 1);
      const aborted = isAborted(message); // sees every record in order (tracks the abort markers)
      if (at < offset || at >= end || records.length >= limit || message.isControlRecord || aborted) continue;
      records.push({ offset: at, timestamp: Number(message.timestamp), key: message.key, value: message.value, headers: headerList(message.headers) });
    }
    if (next <= offset) break;
    offset = next;
  }
  // Stopped by the limit: resume right after the last record taken (its batch may hold more).
  const lastTaken = records.at(-1);
  const nextOffset = records.length >= limit && lastTaken !== undefined ? lastTaken.offset + 1 : Math.min(offset, end);
  return { records, nextOffset, logStart, logEnd, reset };
}
