// The API's dead-letter answers. Client-safe (types only).
import type { DeadLetterContext } from "./decode-dead-letter";
import type { HeaderJson } from "./header-json";
import type { PayloadView } from "./payload-view";
import type { DeadLetterSourceRef } from "./source-key";

/**
 * How a source's messages are read. index: Queuewatch keeps a copy, read by offset (nothing changes in the
 * broker). capture: moved into Queuewatch's store (RabbitMQ queues in capture mode). peek: read live and put
 * back (RabbitMQ classic queues; sets their redelivered flag). needs-capture: a quorum queue, where any read
 * that puts messages back spends their delivery budget — browse it by enabling capture.
 */
export type BrowseMode = "index" | "capture" | "peek" | "needs-capture";

export interface DeadLetterOriginDto {
  /** a topic or queue the messages came from */
  name: string;
  /** how it is known: the dead-letter topic's name, the messages' headers, or the queue's dead-letter exchange */
  via: "name" | "headers" | "dead-letter-exchange";
  /** messages held that name it (headers only) */
  count: number | null;
}

export interface DeadLetterSourceDto {
  /** the store's key of the source (lib/dlq/source-key.ts) */
  key: string;
  ref: DeadLetterSourceRef;
  /** topic, or the RabbitMQ queue type (classic, quorum, stream) */
  type: string;
  /** messages in the broker now (Kafka: offsets between log start and end) */
  depth: number | null;
  /** messages/s arriving */
  inflowRate: number | null;
  origins: DeadLetterOriginDto[];
  browse: BrowseMode;
  /** messages Queuewatch holds (copies or captured), and how many of them still wait */
  held: number;
  waiting: number;
  topCauses: { cause: string | null; count: number }[];
  polledAt: string | null;
}

export interface DeadLetterSummaryDto {
  /** id in Queuewatch's store; null for a message read live (peek) */
  id: string | null;
  identity: string;
  partition: number | null;
  offset: number | null;
  time: string;
  cause: string | null;
  original: string | null;
  size: number;
  state: string;
}

export interface DeadLetterMessageDto extends DeadLetterSummaryDto {
  key: PayloadView | null;
  headers: Record<string, HeaderJson>;
  /** each header as text, masked like the payload */
  headerText: Record<string, string>;
  properties: Record<string, HeaderJson> | null;
  payload: PayloadView;
  context: DeadLetterContext;
  /** the payload was masked for this reader */
  masked: boolean;
  /** only part of the payload is held (an indexed copy of a huge record); the broker has the rest */
  payloadTruncated: boolean;
}

export interface DeadLetterPageDto {
  source: DeadLetterSourceDto;
  messages: DeadLetterMessageDto[];
  /** messages matching the filter */
  total: number;
  /** pass as `before` for the next page; null on the last */
  nextBefore: string | null;
}

/** A replay or discard job as `GET /api/v1/replays/{id}` answers it. */
export interface ReplayDto {
  id: string;
  cluster: string;
  source: DeadLetterSourceRef | null;
  action: string;
  status: string;
  /** pause or cancel asked for, not yet acted on */
  requested: string | null;
  dryRun: boolean;
  /** one message sent with an operator's edit (payload and/or headers) */
  edited: boolean;
  ratePerSecond: number | null;
  target: unknown;
  total: number | null;
  sent: number;
  skipped: number;
  parked: number;
  failed: number;
  byTarget: Record<string, number>;
  errors: string[];
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

