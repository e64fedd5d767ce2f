// What a broker kind offers replay jobs: sending held messages (copies Queuewatch indexed, or messages it
// captured) to their targets, and — for sources read live (RabbitMQ classic queues) — moving messages out of
// the queue itself, each batch atomically (the dead letters leave the queue exactly when their copies arrive).
import type { AmqpValue } from "../header-value";
import type { HeldMessage } from "../held-message";
import type { ReplayDecision, ReplayTarget } from "../replay-target";

export interface OutgoingMessage {
  target: ReplayTarget;
  key: Uint8Array | null;
  payload: Uint8Array;
  headers: Record<string, AmqpValue>;
  /** AMQP properties to keep (content type, message id, …); null for Kafka */
  properties: Record<string, AmqpValue> | null;
}

export interface LiveBatchOutcome {
  /** the messages of the batch with what was decided for each, in queue order */
  decisions: { message: HeldMessage; decision: ReplayDecision }[];
}

export interface LiveMoveOptions {
  batchSize: number;
  decide: (message: HeldMessage) => ReplayDecision;
  /** called once, with the queue's depth when the move starts: the most messages it takes (a queue that keeps filling is not chased) */
  onStart: (depth: number) => Promise<void>;
  /** after each committed batch; false stops the move */
  onBatch: (outcome: LiveBatchOutcome) => Promise<boolean>;
}

/** What became of a published batch: the messages (by index) the broker took but could route nowhere, with why. */
export interface PublishOutcome {
  unroutable: ReadonlyMap<number, string>;
}

export interface DeadLetterReplayer {
  /**
   * Resolves once the broker acknowledged every message (Kafka: acks=all; RabbitMQ: publisher confirms, i.e.
   * stored by every queue it was routed to); throws if any was not (the runner then treats the batch as in doubt).
   */
  publish(messages: readonly OutgoingMessage[]): Promise<PublishOutcome>;
  /**
   * Live sources: takes up to `limit` messages from the head of the queue in batches of `batchSize`; each message
   * the decision replays is published to its target and removed from the queue in one transaction per batch,
   * the others are put back at the end. `onBatch` runs after each committed batch; returning false stops early.
   */
  moveLive?(queue: { vhost: string; queue: string }, options: LiveMoveOptions): Promise<void>;
  close(): Promise<void>;
}
