import "server-only";
// Replays RabbitMQ dead letters. From a classic queue read live into a classic queue, each batch is one AMQP
// transaction: the copies are published (mandatory: an unroutable one rolls the batch back) and the originals
// acknowledged together. Measured on RabbitMQ 3.10 (docs/dlq-research.md §4) classic→classic, connections killed
// and the application restarted (stop_app/start_app) lost and duplicated nothing; a transaction into a quorum
// queue did lose messages, so the runner only moves into classic queues this way. A broker killed with SIGKILL
// resurrects a classic queue's acknowledged messages (duplicates, for every method, RabbitMQ's own shovel too).
// Messages the job does not replay (parked, skipped) are put back when the job ends.
import amqp, { type Channel, type ChannelModel, type GetMessage, type Options } from "amqplib";
import { createHash } from "node:crypto";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import type { AmqpValue } from "@/lib/dlq/header-value";
import type { HeldMessage } from "@/lib/dlq/held-message";
import { decodeDeadLetter } from "@/lib/dlq/decode-dead-letter";
import { replayHeaders, type ReplayDecision, type ReplayTarget } from "@/lib/dlq/replay-target";
import type { DeadLetterReplayer, LiveMoveOptions, OutgoingMessage } from "@/lib/dlq/replay/replayer";

/** AMQP tx method ids (amqplib's "exports" map hides lib/defs; class 90, methods 10/11, 20/21, 30/31). */
const TX = { Select: (90 << 16) | 10, SelectOk: (90 << 16) | 11, Commit: (90 << 16) | 20, CommitOk: (90 << 16) | 21, Rollback: (90 << 16) | 30, RollbackOk: (90 << 16) | 31 } as const;
const MAX_RECONNECTS = 30;

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

function heldOf(message: GetMessage): HeldMessage {
  const { headers, ...properties } = message.properties;
  const digest = createHash("sha256").update(JSON.stringify([message.properties, message.fields.exchange, message.fields.routingKey])).update(message.content).digest("hex");
  return {
    identity: `sha256:${digest}`,
    partition: null, offset: null,
    timestamp: typeof properties.timestamp === "number" ? properties.timestamp * 1000 : null,
    key: null,
    headers: (headers ?? {}) as Record<string, AmqpValue>,
    properties: { ...(properties as Record<string, AmqpValue>), exchange: message.fields.exchange, routing_key: message.fields.routingKey },
    payload: new Uint8Array(message.content),
  };
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

function send(channel: Channel, message: OutgoingMessage): void {
  const target: ReplayTarget = message.target;
  const content = Buffer.from(message.payload);
  if ("topic" in target) throw new Error("a RabbitMQ cluster cannot replay to a Kafka topic");
  if ("queue" in target) channel.sendToQueue(target.queue, content, publishOptions(message));
  else channel.publish(target.exchange, target.routingKey, content, publishOptions(message));
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

  /** Held messages (captured), one transaction per call: all routed, or an error and none. */
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    const byVhost = new Map<string, OutgoingMessage[]>();
    for (const message of messages) {
      const vhost = "vhost" in message.target ? message.target.vhost : "/";
      byVhost.set(vhost, [...(byVhost.get(vhost) ?? []), message]);
    }
    for (const [vhost, batch] of byVhost) {
      const { connection, channel, returned } = await this.open(vhost);
      try {
        for (const message of batch) send(channel, message);
        await this.commitUnlessReturned(channel, returned);
      } finally {
        await connection.close().catch(() => undefined);
      }
    }
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
        const kept: GetMessage[] = [];
        let stop = false;
        while (!stop && taken < limit) {
          const batch: GetMessage[] = [];
          while (batch.length < options.batchSize && taken + batch.length < limit) {
            const got = await channel.get(source.queue, { noAck: false });
            if (got === false) break;
            batch.push(got);
          }
          if (batch.length === 0) break;
          const decisions = batch.map((got) => {
            const message = heldOf(got);
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
        // The ones left alone go back to the queue (nack is transactional here too).
        for (const got of kept) channel.nack(got, false, true);
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
