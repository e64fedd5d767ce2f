// Why a message died and where it came from, from the headers the broker or the framework put on it:
// RabbitMQ's `x-death` (and `x-first-death-*`), Spring AMQP's RepublishMessageRecoverer (`x-exception-*`,
// `x-original-*`), Spring Kafka's DeadLetterPublishingRecoverer (`kafka_dlt-*`, ints and longs as big-endian
// binary) and Kafka Connect's error reporter (`__connect.errors.*`, all text). Pure and client-safe.
import { binaryNumberOf, numberOf, textOf, type AmqpValue } from "./header-value";

export type HeaderMap = Readonly<Record<string, AmqpValue>>;

/** One `x-death` entry: a queue the message died in, and how often. */
export interface DeathRecord {
  queue: string;
  reason: string;
  count: number;
  exchange: string;
  routingKeys: string[];
  /** ms since the epoch (RabbitMQ records seconds) */
  time: number | null;
  /** the per-message TTL it expired with, for reason "expired" */
  originalExpiration: string | null;
}

export interface ExceptionInfo {
  className: string | null;
  message: string | null;
  causeClassName: string | null;
  stacktrace: string | null;
}

/** Where the message was before it died, as the headers tell it. */
export interface OriginalPlace {
  topic: string | null;
  partition: number | null;
  offset: number | null;
  /** ms since the epoch */
  timestamp: number | null;
  consumerGroup: string | null;
  queue: string | null;
  exchange: string | null;
  routingKeys: string[];
  /** Kafka Connect: the connector and task that failed */
  connector: string | null;
  task: number | null;
  /** Kafka Connect: the stage that failed (KEY_CONVERTER, TRANSFORMATION, TASK_PUT, …) */
  stage: string | null;
}

export type ContextSource = "x-death" | "spring-kafka" | "kafka-connect" | "spring-amqp";

export interface DeadLetterContext {
  /** which conventions the headers followed, in the order found */
  sources: ContextSource[];
  /** one phrase for "why": RabbitMQ's reason (rejected, expired, maxlen, delivery_limit) or the exception's class */
  cause: string | null;
  exception: ExceptionInfo | null;
  original: OriginalPlace | null;
  /** RabbitMQ: newest death first, as in `x-death` */
  deaths: DeathRecord[];
  /** times Queuewatch replayed this message already (x-queuewatch-replay-count) */
  replayCount: number;
}

export const REPLAY_COUNT_HEADER = "x-queuewatch-replay-count";

const text = (headers: HeaderMap, name: string): string | null => textOf(headers[name]);

function table(value: AmqpValue | undefined): Record<string, AmqpValue> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Uint8Array) ? value : null;
}

function strings(value: AmqpValue | undefined): string[] {
  return Array.isArray(value) ? value.map((item) => textOf(item)).filter((item): item is string => item !== null) : [];
}

/** An AMQP timestamp as amqplib and the management API give it (seconds), or a typed `{"!": "timestamp", value}`. */
function timestampMs(value: AmqpValue | undefined): number | null {
  const typed = table(value);
  const seconds = numberOf(typed ? typed.value : value);
  return seconds === null ? null : seconds * 1000;
}

export function decodeXDeath(headers: HeaderMap): DeathRecord[] {
  const entries = headers["x-death"];
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry): DeathRecord[] => {
    const fields = table(entry);
    if (!fields) return [];
    return [{
      queue: textOf(fields.queue) ?? "",
      reason: textOf(fields.reason) ?? "",
      count: numberOf(fields.count) ?? 1,
      exchange: textOf(fields.exchange) ?? "",
      routingKeys: strings(fields["routing-keys"]),
      time: timestampMs(fields.time),
      originalExpiration: textOf(fields["original-expiration"]),
    }];
  });
}

const emptyPlace = (): OriginalPlace => ({ topic: null, partition: null, offset: null, timestamp: null, consumerGroup: null, queue: null, exchange: null, routingKeys: [], connector: null, task: null, stage: null });

const anyOf = (...values: (string | null)[]): boolean => values.some((value) => value !== null);

/**
 * Spring Kafka: DeadLetterPublishingRecoverer writes `kafka_dlt-*`; non-blocking retries (@RetryableTopic) write
 * the same headers without "dlt-" (`kafka_original-topic`, `kafka_exception-fqcn`), except the consumer group.
 */
function springKafka(headers: HeaderMap): { exception: ExceptionInfo | null; original: OriginalPlace } | null {
  for (const prefix of ["kafka_dlt-", "kafka_"]) {
    const get = (suffix: string) => headers[`${prefix}${suffix}`];
    const original = { ...emptyPlace(), topic: textOf(get("original-topic")), partition: binaryNumberOf(get("original-partition")), offset: binaryNumberOf(get("original-offset")), timestamp: binaryNumberOf(get("original-timestamp")), consumerGroup: textOf(headers["kafka_dlt-original-consumer-group"]) };
    // A failure to deserialize the key is reported under *key-exception-*; the value's under *exception-*.
    const exceptionOf = (kind: string): ExceptionInfo | null => {
      const info = { className: textOf(get(`${kind}-fqcn`)), message: textOf(get(`${kind}-message`)), causeClassName: textOf(get(`${kind}-cause-fqcn`)), stacktrace: textOf(get(`${kind}-stacktrace`)) };
      return anyOf(info.className, info.message, info.stacktrace) ? info : null;
    };
    const exception = exceptionOf("exception") ?? exceptionOf("key-exception");
    if (exception !== null || original.topic !== null || original.offset !== null) return { exception, original };
  }
  return null;
}

function kafkaConnect(headers: HeaderMap): { exception: ExceptionInfo | null; original: OriginalPlace } | null {
  const get = (suffix: string) => headers[`__connect.errors.${suffix}`];
  const original = { ...emptyPlace(), topic: textOf(get("topic")), partition: numberOf(get("partition")), offset: numberOf(get("offset")), connector: textOf(get("connector.name")), task: numberOf(get("task.id")), stage: textOf(get("stage")) };
  const exception = { className: textOf(get("exception.class.name")), message: textOf(get("exception.message")), causeClassName: null, stacktrace: textOf(get("exception.stacktrace")) };
  const hasException = anyOf(exception.className, exception.message, exception.stacktrace);
  if (!hasException && original.topic === null && original.connector === null) return null;
  return { exception: hasException ? exception : null, original };
}

function springAmqp(headers: HeaderMap): { exception: ExceptionInfo | null; original: OriginalPlace } | null {
  // RepublishMessageRecoverer's four headers; it has none for the exception's class.
  const exception = { className: null, message: text(headers, "x-exception-message"), causeClassName: null, stacktrace: text(headers, "x-exception-stacktrace") };
  const exchange = text(headers, "x-original-exchange");
  const routingKey = text(headers, "x-original-routingKey");
  const hasException = anyOf(exception.message, exception.stacktrace);
  if (!hasException && exchange === null && routingKey === null) return null;
  // Spring AMQP has no class header of its own: the class is the stack trace's first line up to ":".
  const className = exception.stacktrace?.split("\n", 1)[0]?.split(":", 1)[0]?.trim() || null;
  return { exception: hasException ? { ...exception, className } : null, original: { ...emptyPlace(), exchange, routingKeys: routingKey === null ? [] : [routingKey] } };
}

/** Decodes every convention the headers follow; the first one that names an exception or an origin wins each field. */
export function decodeDeadLetter(headers: HeaderMap): DeadLetterContext {
  const sources: ContextSource[] = [];
  const deaths = decodeXDeath(headers);
  let exception: ExceptionInfo | null = null;
  let original: OriginalPlace | null = null;
  if (deaths.length > 0) {
    sources.push("x-death");
    // x-death lists the newest death first; the message's first home is the oldest entry (or x-first-death-*).
    const first = deaths.at(-1);
    original = { ...emptyPlace(), queue: text(headers, "x-first-death-queue") ?? first?.queue ?? null, exchange: text(headers, "x-first-death-exchange") ?? first?.exchange ?? null, routingKeys: first?.routingKeys ?? [] };
  }
  const found: [ContextSource, ReturnType<typeof springKafka>][] = [["spring-kafka", springKafka(headers)], ["kafka-connect", kafkaConnect(headers)], ["spring-amqp", springAmqp(headers)]];
  for (const [source, decoded] of found) {
    if (decoded === null) continue;
    sources.push(source);
    exception ??= decoded.exception;
    original = original === null ? decoded.original : mergePlaces(original, decoded.original);
  }
  const reason = deaths[0]?.reason || text(headers, "x-first-death-reason");
  return { sources, cause: exception?.className ?? (reason || null), exception, original, deaths, replayCount: numberOf(headers[REPLAY_COUNT_HEADER]) ?? 0 };
}

function mergePlaces(a: OriginalPlace, b: OriginalPlace): OriginalPlace {
  const merged = { ...a };
  for (const key of Object.keys(b) as (keyof OriginalPlace)[]) {
    if (key === "routingKeys") merged.routingKeys = a.routingKeys.length > 0 ? a.routingKeys : b.routingKeys;
    else if (a[key] === null) Object.assign(merged, { [key]: b[key] });
  }
  return merged;
}
