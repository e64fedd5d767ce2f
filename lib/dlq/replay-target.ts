// Where a replayed dead letter goes and what it carries: its original destination as its headers tell it
// (editable per job), the loop guard (a message Queuewatch already replayed `maxReplays` times is parked,
// not replayed again), and the replay count header it leaves. Pure.
import type { DeadLetterContext } from "./decode-dead-letter";
import type { AmqpValue } from "./header-value";
import { REPLAY_COUNT_HEADER } from "./decode-dead-letter";
import type { DeadLetterSourceRef } from "./source-key";

/** A Kafka topic (the partitioner picks the partition by key, as for the original producer), a queue, or an exchange with a routing key. */
export type ReplayTarget = { topic: string } | { vhost: string; queue: string } | { vhost: string; exchange: string; routingKey: string };

export function targetLabel(target: ReplayTarget): string {
  if ("topic" in target) return `topic ${target.topic}`;
  if ("queue" in target) return `queue ${target.vhost === "/" ? "" : `${target.vhost}/`}${target.queue}`;
  return `exchange ${target.exchange === "" ? "(default)" : target.exchange} → ${target.routingKey}`;
}

/**
 * Where the message came from: Kafka — the original topic (Spring's or Connect's headers); RabbitMQ — the queue
 * it first died in (x-death), published to it directly through the default exchange so no other queue bound to
 * the original exchange gets a second copy; else the original exchange and routing key (Spring AMQP).
 */
export function originalTarget(source: DeadLetterSourceRef, context: DeadLetterContext): ReplayTarget | null {
  const original = context.original;
  if (original === null) return null;
  if ("topic" in source) return original.topic === null ? null : { topic: original.topic };
  if (original.queue !== null && original.queue !== "") return { vhost: source.vhost, queue: original.queue };
  if (original.exchange !== null && original.routingKeys[0] !== undefined) return { vhost: source.vhost, exchange: original.exchange, routingKey: original.routingKeys[0] };
  return null;
}

/** `fail`: the runner's verdict after trying (unroutable, in doubt); decideReplay never returns it. */
export type ReplayDecision = { kind: "replay"; target: ReplayTarget } | { kind: "discard" } | { kind: "park"; reason: string } | { kind: "skip"; reason: string } | { kind: "fail"; reason: string };

/** What to do with one message: the loop guard first, then the job's target or the message's own. */
export function decideReplay(input: { source: DeadLetterSourceRef; context: DeadLetterContext; target: ReplayTarget | null; maxReplays: number; alreadySent: boolean }): ReplayDecision {
  if (input.alreadySent) return { kind: "skip", reason: "already replayed (the ledger has it sent)" };
  if (input.context.replayCount >= input.maxReplays) return { kind: "park", reason: `replayed ${input.context.replayCount} times already (deadLetters.maxReplays is ${input.maxReplays})` };
  const target = input.target ?? originalTarget(input.source, input.context);
  if (target === null) return { kind: "skip", reason: "its headers name no original destination: choose a target" };
  return { kind: "replay", target };
}

/** The headers a replayed message carries: all of its own, with the replay count one higher. */
export function replayHeaders(headers: Readonly<Record<string, AmqpValue>>, replayCount: number): Record<string, AmqpValue> {
  return { ...headers, [REPLAY_COUNT_HEADER]: replayCount + 1 };
}

/** A message's payload and headers with an edit applied (headers: a string sets one, null removes it). */
export function applyEdit(message: { payload: Uint8Array; headers: Record<string, AmqpValue> }, edit: { payload?: string; payloadBase64?: string; headers?: Record<string, string | null> }): { payload: Uint8Array; headers: Record<string, AmqpValue> } {
  const payload = edit.payload !== undefined ? new TextEncoder().encode(edit.payload) : edit.payloadBase64 !== undefined ? Uint8Array.from(atob(edit.payloadBase64), (c) => c.charCodeAt(0)) : message.payload;
  const headers = { ...message.headers };
  for (const [name, value] of Object.entries(edit.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  return { payload, headers };
}
