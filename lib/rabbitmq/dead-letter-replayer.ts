import "server-only";
// Replays RabbitMQ dead letters. From a classic queue read live into a classic queue, each batch is one AMQP
// transaction: the copies are published (mandatory: an unroutable one rolls the batch back) and the originals
// acknowledged together. Measured on RabbitMQ 3.10 (docs/dlq-research.md §4) classic→classic, connections killed
// and the application restarted (stop_app/start_app) lost and duplicated nothing; a transaction into a quorum
// queue did lose messages, so the runner only moves into classic queues this way. A broker killed with SIGKILL
// resurrects a classic queue's acknowledged messages (duplicates, for every method, RabbitMQ's own shovel too).
// Messages the job does not replay (parked, skipped) are put back when the job ends.
import { createHash } from "node:crypto";
import amqp, { type Channel, type ChannelModel, type GetMessage, type Message, type Options } from "amqplib";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import type { HeldMessage } from "@/lib/dlq/held-message";
import { heldFromQueue } from "./amqp-delivery";
import { decodeDeadLetter } from "@/lib/dlq/decode-dead-letter";
import { replayHeaders, targetLabel, type ReplayDecision, type ReplayTarget } from "@/lib/dlq/replay-target";
import type { DeadLetterReplayer, LiveMoveOptions, OutgoingMessage, PublishOutcome } from "@/lib/dlq/replay/replayer";

/** AMQP tx method ids (amqplib's "exports" map hides lib/defs; class 90, methods 10/11, 20/21, 30/31). */
const TX = { Select: (90 << 16) | 10, SelectOk: (90 << 16) | 11, Commit: (90 << 16) | 20, CommitOk: (90 << 16) | 21, Rollback: (90 << 16) | 30, RollbackOk: (90 << 16) | 31 } as const;
const MAX_RECONNECTS = 30;

/** basic.return as amqplib hands it over (its typings leave out the reply fields). */
interface ReturnedMessage {
  content: Buffer;
  fields: { exchange: string; routingKey: string; replyCode: number; replyText: string };
}

/** A replayed message no queue took: the batch was rolled back; retrying cannot help. */
export class UnroutableReplayError extends Error {
  override name = "UnroutableReplayError";
}

interface RpcChannel {
  rpc(method: number, fields: Record<string, never>, expect: number): Promise<unknown>;
}

function rpcOf(channel: Channel): RpcChannel {
  const candidate = channel as unknown as Partial<RpcChannel>;
  if (typeof candidate.rpc !== "function") throw new Error("this amqplib has no channel.rpc: AMQP transactions are unavailable");
  return candidate as RpcChannel;
}

/** The AMQP URL for a vhost: the cluster's amqpUrl (or the management host on 5672) with its credentials. */
export function amqpUrlOf(cluster: RabbitmqClusterConfig, vhost: string): string {
  const url = new URL(cluster.amqpUrl ?? `amqp://${new URL(cluster.managementUrl).hostname}:5672`);
  if (url.username === "") {
    url.username = encodeURIComponent(cluster.username);
    url.password = encodeURIComponent(cluster.password);
  }
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return url.toString();
}

/**
 * A live move's messages: a consumer with a prefetch window (no round trip per message, unlike basic.get) whose
 * deliveries are handed out in batches. Messages kept back (parked, skipped) stay unacknowledged and fill the
 * window; once it stops delivering, batches are topped up with basic.get, which no prefetch limits, so a move
 * never ends early. Measured on this machine (broker side only, no Postgres, batches of 500): ~2,650–2,900 msg/s with
 * basic.get, ~2,950–3,250 with the consumer; npm run bench:dlq's whole live move went from 1,555 to 2,140 msg/s.
 */
class DeliveryBuffer {
  private readonly buffer: Message[] = [];
  private wake: (() => void) | null = null;
  private cancelled = false;

  private constructor(private readonly channel: Channel, private readonly queue: string, private consumerTag = "") {}

  static async start(channel: Channel, queue: string, prefetch: number): Promise<DeliveryBuffer> {
    const deliveries = new DeliveryBuffer(channel, queue);
    await channel.prefetch(prefetch);
    const { consumerTag } = await channel.consume(queue, (message) => {
      if (message === null) deliveries.cancelled = true; // the queue was deleted
      else deliveries.buffer.push(message);
      deliveries.wake?.();
    }, { noAck: false });
    deliveries.consumerTag = consumerTag;
    return deliveries;
  }

  /** Up to `max` messages in queue order; fewer only when the queue has no more. */
  async take(max: number): Promise<Message[]> {
    // Deliveries follow the previous batch's commit within milliseconds; a pause this long means the window is full or the queue empty.
    while (this.buffer.length < max && !this.cancelled) {
      const before = this.buffer.length;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 25);
        this.wake = () => { clearTimeout(timer); resolve(); };
      });
      this.wake = null;
      if (this.buffer.length === before) break;
    }
    const batch = this.buffer.splice(0, max);
    while (batch.length < max && !this.cancelled) {
      const got = await this.channel.get(this.queue, { noAck: false });
      if (got === false) break;
      batch.push(got);
    }
    return batch;
  }

  /** Cancels the consumer; returns what it delivered and nobody took (still unacknowledged). */
  async stop(): Promise<Message[]> {
    if (!this.cancelled) await this.channel.cancel(this.consumerTag);
    this.cancelled = true;
    return this.buffer.splice(0);
  }
}

/** Publish options that keep the message's own properties (never user-id: the broker checks it against this connection). */
function publishOptions(message: OutgoingMessage): Options.Publish {
  const p = message.properties ?? {};
  const text = (name: string) => (typeof p[name] === "string" ? (p[name] as string) : undefined);
  return {
    mandatory: true,
    persistent: true,
    headers: message.headers,
    contentType: text("contentType"),
    contentEncoding: text("contentEncoding"),
    correlationId: text("correlationId"),
    replyTo: text("replyTo"),
    messageId: text("messageId"),
    type: text("type"),
    appId: text("appId"),
    priority: typeof p.priority === "number" ? p.priority : undefined,
    timestamp: typeof p.timestamp === "number" ? p.timestamp : undefined,
  };
}

/** Where a target publishes: a queue through the default exchange, or an exchange with its routing key. */
function addressOf(target: ReplayTarget): { exchange: string; routingKey: string } {
  if ("topic" in target) throw new Error("a RabbitMQ cluster cannot replay to a Kafka topic");
  return "queue" in target ? { exchange: "", routingKey: target.queue } : { exchange: target.exchange, routingKey: target.routingKey };
}

const routeSignature = (exchange: string, routingKey: string, content: Buffer): string => createHash("sha256").update(JSON.stringify([exchange, routingKey])).update(content).digest("hex");

function send(channel: Channel, message: OutgoingMessage): void {
  const { exchange, routingKey } = addressOf(message.target);
  channel.publish(exchange, routingKey, Buffer.from(message.payload), publishOptions(message));
}

export class RabbitmqDeadLetterReplayer implements DeadLetterReplayer {
  constructor(private readonly cluster: RabbitmqClusterConfig, private readonly sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))) {}

  private async open(vhost: string): Promise<{ connection: ChannelModel; channel: Channel; returned: string[] }> {
    // noDelay: without it Nagle holds each small commit back (docs/dlq-research.md §4: 50-message classic transactions ran at 984–995/s, with it 5,811–7,622/s).
    const connection = await amqp.connect(amqpUrlOf(this.cluster, vhost), { clientProperties: { connection_name: "queuewatch-replay" }, noDelay: true });
    connection.on("error", () => undefined); // surfaced as failed calls; the caller reconnects
    const channel = await connection.createChannel();
    channel.on("error", () => undefined);
    const returned: string[] = [];
    channel.on("return", (message: GetMessage) => returned.push(message.fields.routingKey));
    await rpcOf(channel).rpc(TX.Select, {}, TX.SelectOk);
    return { connection, channel, returned };
  }

  /**
   * Held messages (captured, or copied from a stream) through a confirm channel: resolves once the broker confirmed
   * every message — for a quorum queue, once a majority stored it (a transaction into a quorum queue lost messages
   * in our measurements; confirms did not). Mandatory: a message no queue took comes back and is reported, not lost.
   */
  async publish(messages: readonly OutgoingMessage[]): Promise<PublishOutcome> {
    const byVhost = new Map<string, number[]>();
    messages.forEach((message, index) => {
      const vhost = "vhost" in message.target ? message.target.vhost : "/";
      byVhost.set(vhost, [...(byVhost.get(vhost) ?? []), index]);
    });
    const unroutable = new Map<number, string>();
    for (const [vhost, indexes] of byVhost) {
      const connection = await amqp.connect(amqpUrlOf(this.cluster, vhost), { clientProperties: { connection_name: "queuewatch-replay" }, noDelay: true });
      connection.on("error", () => undefined);
      try {
        const channel = await connection.createConfirmChannel();
        channel.on("error", () => undefined);
        // A return carries the message back, not which publish it was: identical messages to the same place route alike.
        const returned = new Map<string, string>();
        channel.on("return", (message: ReturnedMessage) => returned.set(routeSignature(message.fields.exchange, message.fields.routingKey, message.content), `${message.fields.replyCode} ${message.fields.replyText}`));
        for (const index of indexes) send(channel, messages[index] as OutgoingMessage);
        await channel.waitForConfirms();
        for (const index of indexes) {
          const message = messages[index] as OutgoingMessage;
          const { exchange, routingKey } = addressOf(message.target);
          const why = returned.get(routeSignature(exchange, routingKey, Buffer.from(message.payload)));
          if (why !== undefined) unroutable.set(index, `no queue took it (${why}: ${targetLabel(message.target)})`);
        }
      } finally {
        await connection.close().catch(() => undefined);
      }
    }
    return { unroutable };
  }

  /** basic.return for an unroutable publish arrives before the answer to a later synchronous call on the channel: roll back if any came. */
  private async commitUnlessReturned(channel: Channel, returned: string[]): Promise<void> {
    await channel.checkExchange("amq.direct"); // a synchronous no-op: every vhost has it
    if (returned.length > 0) {
      await rpcOf(channel).rpc(TX.Rollback, {}, TX.RollbackOk);
      throw new UnroutableReplayError(`no queue took ${returned.length} of the replayed messages (routing key ${JSON.stringify(returned[0])}): that batch was rolled back, nothing of it was sent or removed`);
    }
    await rpcOf(channel).rpc(TX.Commit, {}, TX.CommitOk);
  }

  async moveLive(source: { vhost: string; queue: string }, options: LiveMoveOptions): Promise<void> {
    let limit: number | null = null;
    let taken = 0;
    let failures = 0;
    // Messages left alone come back after a reconnect: counted against the limit once.
    const keptOnce = new Set<string>();
    // Identities of a batch whose commit was sent but not answered: moved unless they come back.
    const inDoubt = new Map<string, { message: HeldMessage; decision: ReplayDecision }>();
    while (limit === null || taken < limit) {
      let session: Awaited<ReturnType<RabbitmqDeadLetterReplayer["open"]>> | null = null;
      try {
        session = await this.open(source.vhost);
        const { channel, returned } = session;
        if (limit === null) {
          limit = (await channel.checkQueue(source.queue)).messageCount;
          await options.onStart(limit);
        }
        const kept: Message[] = [];
        let stop = false;
        const deliveries = await DeliveryBuffer.start(channel, source.queue, options.batchSize * 2);
        while (!stop && taken < limit) {
          const batch = await deliveries.take(Math.min(options.batchSize, limit - taken));
          if (batch.length === 0) break;
          const decisions = batch.map((got) => {
            const message = heldFromQueue(got);
            if (got.fields.redelivered) inDoubt.delete(message.identity); // it came back: that commit did not happen
            return { got, message, decision: options.decide(message) };
          });
          const counted = decisions.filter((d) => !(d.got.fields.redelivered && keptOnce.has(d.message.identity)));
          for (const { got, message, decision } of decisions) {
            if (decision.kind === "replay") {
              send(channel, { target: decision.target, key: null, payload: message.payload, headers: replayHeaders(message.headers, decodeDeadLetter(message.headers).replayCount), properties: message.properties });
              channel.ack(got);
            } else if (decision.kind === "discard") channel.ack(got);
            else {
              kept.push(got);
              keptOnce.add(message.identity);
            }
          }
          for (const d of decisions) inDoubt.set(d.message.identity, d);
          await this.commitUnlessReturned(channel, returned);
          for (const d of decisions) inDoubt.delete(d.message.identity);
          taken += counted.length;
          // A message left alone that came back after a reconnect was reported already.
          stop = !(await options.onBatch({ decisions: counted.map(({ message, decision }) => ({ message, decision })) }));
        }
        // The ones left alone, and deliveries past the limit, go back to the queue (nack is transactional here too);
        // the consumer is cancelled first, or it would be handed them again.
        for (const got of [...kept, ...(await deliveries.stop())]) channel.nack(got, false, true);
        await rpcOf(channel).rpc(TX.Commit, {}, TX.CommitOk);
        await session.connection.close().catch(() => undefined);
        break;
      } catch (error) {
        await session?.connection.close().catch(() => undefined);
        if (error instanceof UnroutableReplayError) throw error;
        failures += 1;
        if (failures > MAX_RECONNECTS) throw error;
        await this.sleep(Math.min(5000, 200 * failures));
      }
    }
    // Never seen again after an unanswered commit: that commit happened; report those batches now.
    if (inDoubt.size > 0) await options.onBatch({ decisions: [...inDoubt.values()] });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
