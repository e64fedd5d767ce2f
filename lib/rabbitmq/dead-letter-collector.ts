import "server-only";
// The collector's dead-letter pass for a RabbitMQ cluster, after each poll:
// - stream dead-letter queues are copied by offset (a consumer of its own from the stored position, acking
//   each delivery — a stream keeps its messages whatever a consumer does), like Kafka's dead-letter topics;
// - queues in capture mode (`deadLetterCapture`) are moved into the store: a batch is taken with basic.get,
//   stored in one transaction, and only then acknowledged. A message delivered again after a crash between
//   the commit and the ack (its redelivered flag set) whose content is already stored is acknowledged
//   without storing it twice. Capture never puts a message back, so it spends none of a quorum queue's
//   delivery budget (an unacknowledged batch returns once, if the connection dies).
// docs/dlq-research.md §3 measures the stream facts this relies on.
import amqp, { type Channel, type ChannelModel, type ConsumeMessage, type GetMessage } from "amqplib";
import type { DeadLetterPass } from "@/lib/brokers/types";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import { deadLetterRow, type HeldMessage } from "@/lib/dlq/held-message";
import { contentHash, loadCursors, storeDeadLetters, storeReadRange } from "@/lib/dlq/store/write-dead-letters";
import { randomUUID } from "node:crypto";
import { heldFromQueue, heldFromStream } from "./amqp-delivery";
import { amqpUrlOf } from "./dead-letter-replayer";
import { queryDeadLetterQueues } from "./store/query-dead-letter-queues";

/** Messages read per pass and source: a large backlog is taken over several polls. */
const MESSAGES_PER_PASS = 5000;
const CAPTURE_BATCH = 200;
/** A stream has no end-of-stream signal: a consumer that got nothing for this long has read to the end. */
const STREAM_IDLE_MS = 300;
/** What a pass stores of a stream's payload (the stream keeps the whole message), as for Kafka's copies. */
const INDEXED_PAYLOAD_BYTES = 1024 * 1024;

async function connect(cluster: RabbitmqClusterConfig, vhost: string): Promise<{ connection: ChannelModel; channel: Channel }> {
  const connection = await amqp.connect(amqpUrlOf(cluster, vhost), { clientProperties: { connection_name: "queuewatch-dead-letters" } });
  connection.on("error", () => undefined); // surfaced as failed calls
  const channel = await connection.createChannel();
  channel.on("error", () => undefined);
  return { connection, channel };
}

/** Messages of a stream from offset `from`, at most `max`, in offset order; stops after STREAM_IDLE_MS of silence. */
export async function readStream(cluster: RabbitmqClusterConfig, vhost: string, queue: string, from: number, max: number): Promise<HeldMessage[]> {
  // Streams close the whole connection on basic.get, nack or no-ack consumers: this read has a connection of its own.
  const { connection, channel } = await connect(cluster, vhost);
  const read: HeldMessage[] = [];
  try {
    await channel.prefetch(Math.min(max, 500));
    await new Promise<void>((resolve, reject) => {
      let idle = setTimeout(resolve, STREAM_IDLE_MS * 4); // the first delivery takes longer
      connection.once("close", () => reject(new Error(`the connection closed while reading stream "${queue}"`)));
      channel.consume(queue, (delivery: ConsumeMessage | null) => {
        if (delivery === null) return resolve(); // cancelled by the broker (queue deleted)
        channel.ack(delivery);
        const message = heldFromStream(delivery);
        // A read starts at the start of the chunk holding `from`, and goes on until the cancel lands: keep only the range.
        if (message === null || message.offset === null || message.offset < from || read.length >= max) return;
        read.push(message);
        clearTimeout(idle);
        idle = read.length >= max ? setTimeout(resolve, 0) : setTimeout(resolve, STREAM_IDLE_MS);
      }, { noAck: false, arguments: { "x-stream-offset": from } }).catch(reject);
    });
  } finally {
    await connection.close().catch(() => undefined);
  }
  return read;
}

/** A stream whose depth did not change is still re-read this often (appends and retention could balance out). */
const STREAM_REFRESH_MS = 5 * 60_000;

export class RabbitmqDeadLetterCollector {
  /** Each stream's depth at its last read, and when: a read costs a connection and STREAM_IDLE_MS of waiting. */
  private readonly streamsRead = new Map<string, { depth: number; at: number }>();

  constructor(private readonly cluster: RabbitmqClusterConfig) {}

  async collect(db: Db, now: Date): Promise<DeadLetterPass> {
    const sources = (await queryDeadLetterQueues(db, this.cluster)).filter((s) => s.browse === "index" || s.browse === "capture");
    const cursors = await loadCursors(db, this.cluster.id);
    let stored = 0;
    let behind = 0;
    for (const source of sources) {
      if (!("queue" in source.ref)) continue;
      if (source.browse === "index") {
        const cursor = cursors.get(source.key)?.get(0);
        const last = this.streamsRead.get(source.key);
        if (cursor && last && source.depth !== null && last.depth === source.depth && now.getTime() - last.at < STREAM_REFRESH_MS) continue;
        const next = cursor?.nextOffset ?? 0;
        const messages = await readStream(this.cluster, source.ref.vhost, source.ref.queue, next, MESSAGES_PER_PASS);
        const lastOffset = messages.at(-1)?.offset ?? null;
        if (lastOffset !== null) {
          const rows = messages.map((message) => deadLetterRow(message, "index", now, INDEXED_PAYLOAD_BYTES));
          stored += await storeReadRange(db, this.cluster.id, source.key, rows, { partition: 0, nextOffset: lastOffset + 1, logStart: 0 }, now);
        }
        if (messages.length >= MESSAGES_PER_PASS) behind += 1;
        else if (source.depth !== null) this.streamsRead.set(source.key, { depth: source.depth, at: now.getTime() });
      } else {
        const taken = await this.capture(db, source.key, source.ref.vhost, source.ref.queue, now);
        stored += taken.stored;
        behind += taken.behind;
      }
    }
    return { sources: sources.length, stored, behind };
  }

  /** Moves up to MESSAGES_PER_PASS messages of a queue into the store, a batch at a time: stored, committed, then acknowledged. */
  private async capture(db: Db, sourceKey: string, vhost: string, queue: string, now: Date): Promise<{ stored: number; behind: number }> {
    const { connection, channel } = await connect(this.cluster, vhost);
    let stored = 0;
    try {
      let taken = 0;
      while (taken < MESSAGES_PER_PASS) {
        const batch: GetMessage[] = [];
        while (batch.length < CAPTURE_BATCH) {
          const got = await channel.get(queue, { noAck: false });
          if (got === false) break;
          batch.push(got);
        }
        if (batch.length === 0) return { stored, behind: 0 };
        stored += await this.storeCaptured(db, sourceKey, batch, now);
        // Only now, with the rows committed: a crash before this line redelivers the batch, which the content check absorbs.
        channel.ack(batch[batch.length - 1] as GetMessage, true);
        taken += batch.length;
      }
      return { stored, behind: 1 };
    } finally {
      await connection.close().catch(() => undefined);
    }
  }

  private async storeCaptured(db: Db, sourceKey: string, batch: readonly GetMessage[], now: Date): Promise<number> {
    const rows = batch.map((got) => {
      // A captured message has no identity of its own in the queue: each capture is a new row, unless it is a redelivery of one stored.
      const row = deadLetterRow({ ...heldFromQueue(got), identity: `capture:${randomUUID()}` }, "capture", now, Number.MAX_SAFE_INTEGER);
      return { row, hash: contentHash(row), redelivered: got.fields.redelivered };
    });
    const doubtful = rows.filter((r) => r.redelivered).map((r) => r.hash);
    const known = doubtful.length === 0 ? new Set<string>() : new Set((await db.deadLetter.findMany({ where: { clusterId: this.cluster.id, sourceKey, holding: "capture", contentHash: { in: doubtful } }, select: { contentHash: true } })).map((r) => r.contentHash));
    const fresh = rows.filter((r) => !(r.redelivered && known.has(r.hash))).map((r) => r.row);
    return db.$transaction((tx) => storeDeadLetters(tx, this.cluster.id, sourceKey, fresh, [], now));
  }
}
