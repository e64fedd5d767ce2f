import "server-only";
// Sends replayed dead letters to Kafka topics: an idempotent producer (acks from all in-sync replicas, one
// request in flight), so a retried send after a broker restart is not written twice. A send resolves only once
// every message of the batch is acknowledged; the job marks them sent after that.
import { createHash } from "node:crypto";
import { Kafka, Partitioners, type ICustomPartitioner, type Producer } from "kafkajs";
import type { KafkaClusterConfig } from "@/lib/config/schema";
import type { AmqpValue } from "@/lib/dlq/header-value";
import type { DeadLetterReplayer, OutgoingMessage, PublishOutcome } from "@/lib/dlq/replay/replayer";
import { kafkaClientOptions } from "./client-options";

type KafkaHeaderValue = Buffer | string | (Buffer | string)[];

function kafkaHeader(value: AmqpValue): KafkaHeaderValue | null {
  if (value === null) return null;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.flatMap((item) => { const one = kafkaHeader(item); return one === null ? [] : Array.isArray(one) ? one : [one]; });
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * Keyed messages go where Kafka's default partitioner sends them (as the original producer's did); a message
 * without a key goes to a partition chosen by its content, so a retried send lands where the first attempt did
 * and the idempotent producer can drop the copy (the default would pick another partition).
 */
export const replayPartitioner: ICustomPartitioner = () => {
  const keyed = Partitioners.DefaultPartitioner();
  return (args) => {
    if (args.message.key !== null && args.message.key !== undefined) return keyed(args);
    const partitions = args.partitionMetadata.map((p) => p.partitionId).sort((a, b) => a - b);
    const digest = createHash("sha256").update(args.message.value ?? "").digest();
    return partitions[digest.readUInt32BE(0) % partitions.length] ?? 0;
  };
};

const REQUEST_BYTES = 512 * 1024;

export class KafkaDeadLetterReplayer implements DeadLetterReplayer {
  private producer: Producer | null = null;

  constructor(private readonly cluster: KafkaClusterConfig) {}

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = new Kafka({ ...kafkaClientOptions(this.cluster), retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5000 } }).producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: replayPartitioner });
    await producer.connect();
    this.producer = producer;
    return producer;
  }

  /** Sends in requests of at most ~512 KiB (a broker refuses a batch over its message.max.bytes, 1 MiB by default). */
  async publish(messages: readonly OutgoingMessage[]): Promise<PublishOutcome> {
    let chunk: OutgoingMessage[] = [];
    let bytes = 0;
    for (const message of messages) {
      const size = message.payload.length + (message.key?.length ?? 0) + 256;
      if (chunk.length > 0 && bytes + size > REQUEST_BYTES) {
        await this.publishChunk(chunk);
        chunk = [];
        bytes = 0;
      }
      chunk.push(message);
      bytes += size;
    }
    if (chunk.length > 0) await this.publishChunk(chunk);
    // A topic takes every record (allowAutoTopicCreation is off: a missing topic fails the send instead).
    return { unroutable: new Map() };
  }

  private async publishChunk(messages: readonly OutgoingMessage[]): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) {
      if (!("topic" in message.target)) throw new Error(`a Kafka cluster cannot replay to a RabbitMQ ${"queue" in message.target ? "queue" : "exchange"}`);
      byTopic.set(message.target.topic, [...(byTopic.get(message.target.topic) ?? []), message]);
    }
    const producer = await this.connected();
    // On failure the same producer is kept: a retry of these messages reuses its producer id and sequence numbers,
    // so the broker drops what it already appended (a new producer would write them again).
    await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, batch]) => ({
          topic,
          messages: batch.map((m) => ({
            key: m.key === null ? null : Buffer.from(m.key),
            value: Buffer.from(m.payload),
            headers: Object.fromEntries(Object.entries(m.headers).flatMap(([name, value]) => { const header = kafkaHeader(value); return header === null ? [] : [[name, header]]; })),
          })),
        })),
      });
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }
}
