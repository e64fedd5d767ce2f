// A dead letter as a broker kind hands it to the store, and the row the store keeps of it: decoded context,
// searchable header text and the cause pulled out for grouping. Pure.
import { decodeDeadLetter, type DeadLetterContext } from "./decode-dead-letter";
import { headersToJson, type HeaderJson } from "./header-json";
import { displayValue, type AmqpValue } from "./header-value";

export type Holding = "index" | "capture";

export interface HeldMessage {
  /** unique within its source: "<partition>:<offset>", "<offset>", or a captured message's content id */
  identity: string;
  partition: number | null;
  offset: number | null;
  /** the message's own time, ms; null when it has none */
  timestamp: number | null;
  key: Uint8Array | null;
  headers: Readonly<Record<string, AmqpValue>>;
  /** AMQP properties (content type, message id, …); null for Kafka */
  properties: Readonly<Record<string, AmqpValue>> | null;
  payload: Uint8Array;
}

export interface DeadLetterRow {
  identity: string;
  holding: Holding;
  partition: number | null;
  offset: number | null;
  ts: Date;
  storedAt: Date;
  messageKey: Uint8Array | null;
  headers: Record<string, HeaderJson>;
  headerText: Record<string, string>;
  properties: Record<string, HeaderJson> | null;
  payload: Uint8Array;
  payloadSize: number;
  payloadTruncated: boolean;
  context: DeadLetterContext;
  cause: string | null;
  originalTopic: string | null;
  originalQueue: string | null;
}

/** The row for a held message. An indexed copy keeps at most `storeBytes` of the payload (the broker has the rest); a captured one all of it. */
export function deadLetterRow(message: HeldMessage, holding: Holding, storedAt: Date, storeBytes: number): DeadLetterRow {
  const context = decodeDeadLetter(message.headers);
  const truncated = holding === "index" && message.payload.length > storeBytes;
  const newestDeath = context.deaths[0]?.time ?? null;
  return {
    identity: message.identity,
    holding,
    partition: message.partition,
    offset: message.offset,
    ts: new Date(message.timestamp ?? newestDeath ?? storedAt.getTime()),
    storedAt,
    messageKey: message.key,
    headers: headersToJson(message.headers),
    headerText: Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, displayValue(value)])),
    properties: message.properties === null ? null : headersToJson(message.properties),
    payload: truncated ? message.payload.subarray(0, storeBytes) : message.payload,
    payloadSize: message.payload.length,
    payloadTruncated: truncated,
    context,
    cause: context.cause,
    originalTopic: context.original?.topic ?? null,
    originalQueue: context.original?.queue ?? null,
  };
}
