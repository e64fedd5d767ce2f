import { describe, expect, it } from "vitest";
import { decodeDeadLetter, decodeXDeath } from "./decode-dead-letter";
import type { AmqpValue } from "./header-value";

const utf8 = (text: string) => new TextEncoder().encode(text);
const int = (value: number) => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, value);
  return out;
};
const long = (value: number) => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, BigInt(value));
  return out;
};

describe("decodeDeadLetter", () => {
  it("reads RabbitMQ's x-death (newest first) and x-first-death-*", () => {
    const headers: Record<string, AmqpValue> = {
      "x-death": [
        { count: 2, reason: "expired", queue: "orders.retry", time: 1_765_000_100, exchange: "retry", "routing-keys": ["orders"], "original-expiration": "5000" },
        { count: 1, reason: "rejected", queue: "orders", time: 1_765_000_000, exchange: "shop", "routing-keys": ["orders.created", "orders.*"] },
      ],
      "x-first-death-queue": "orders",
      "x-first-death-reason": "rejected",
      "x-first-death-exchange": "shop",
    };
    const context = decodeDeadLetter(headers);
    expect(context.sources).toEqual(["x-death"]);
    expect(context.cause).toBe("expired");
    expect(context.deaths).toEqual([
      { queue: "orders.retry", reason: "expired", count: 2, exchange: "retry", routingKeys: ["orders"], time: 1_765_000_100_000, originalExpiration: "5000" },
      { queue: "orders", reason: "rejected", count: 1, exchange: "shop", routingKeys: ["orders.created", "orders.*"], time: 1_765_000_000_000, originalExpiration: null },
    ]);
    expect(context.original).toMatchObject({ queue: "orders", exchange: "shop", routingKeys: ["orders.created", "orders.*"] });
  });

  it("accepts the typed timestamp form and ignores malformed entries", () => {
    expect(decodeXDeath({ "x-death": [{ "!": "x", count: 1, reason: "maxlen", queue: "q", time: { "!": "timestamp", value: 10 } }, "junk", 3] })).toEqual([
      { queue: "q", reason: "maxlen", count: 1, exchange: "", routingKeys: [], time: 10_000, originalExpiration: null },
    ]);
    expect(decodeXDeath({ "x-death": "not a list" })).toEqual([]);
  });

  it("decodes Spring Kafka's DLT headers, ints and longs in big-endian binary", () => {
    const context = decodeDeadLetter({
      "kafka_dlt-original-topic": utf8("orders"),
      "kafka_dlt-original-partition": int(3),
      "kafka_dlt-original-offset": long(1_234_567_890_123),
      "kafka_dlt-original-timestamp": long(1_765_000_000_123),
      "kafka_dlt-original-timestamp-type": utf8("CreateTime"),
      "kafka_dlt-original-consumer-group": utf8("billing"),
      "kafka_dlt-exception-fqcn": utf8("org.springframework.kafka.listener.ListenerExecutionFailedException"),
      "kafka_dlt-exception-cause-fqcn": utf8("java.lang.IllegalStateException"),
      "kafka_dlt-exception-message": utf8("bad <order>"),
      "kafka_dlt-exception-stacktrace": utf8("java.lang.IllegalStateException: bad\n\tat x.y(Z.java:1)"),
    });
    expect(context.sources).toEqual(["spring-kafka"]);
    expect(context.cause).toBe("org.springframework.kafka.listener.ListenerExecutionFailedException");
    expect(context.exception).toEqual({ className: "org.springframework.kafka.listener.ListenerExecutionFailedException", causeClassName: "java.lang.IllegalStateException", message: "bad <order>", stacktrace: "java.lang.IllegalStateException: bad\n\tat x.y(Z.java:1)" });
    expect(context.original).toMatchObject({ topic: "orders", partition: 3, offset: 1_234_567_890_123, timestamp: 1_765_000_000_123, consumerGroup: "billing" });
  });

  it("falls back to Spring's key-exception headers", () => {
    expect(decodeDeadLetter({ "kafka_dlt-key-exception-fqcn": utf8("org.apache.kafka.common.errors.SerializationException") }).cause).toBe("org.apache.kafka.common.errors.SerializationException");
  });

  it("decodes Kafka Connect's error headers (all text)", () => {
    const context = decodeDeadLetter({
      "__connect.errors.topic": utf8("clicks"),
      "__connect.errors.partition": utf8("0"),
      "__connect.errors.offset": utf8("99"),
      "__connect.errors.connector.name": utf8("jdbc-sink"),
      "__connect.errors.task.id": utf8("2"),
      "__connect.errors.stage": utf8("VALUE_CONVERTER"),
      "__connect.errors.class.name": utf8("org.apache.kafka.connect.json.JsonConverter"),
      "__connect.errors.exception.class.name": utf8("org.apache.kafka.connect.errors.DataException"),
      "__connect.errors.exception.message": utf8("Converting byte[] to Kafka Connect data failed"),
      "__connect.errors.exception.stacktrace": utf8("org.apache.kafka.connect.errors.DataException: …"),
    });
    expect(context.sources).toEqual(["kafka-connect"]);
    expect(context.cause).toBe("org.apache.kafka.connect.errors.DataException");
    expect(context.original).toMatchObject({ topic: "clicks", partition: 0, offset: 99, connector: "jdbc-sink", task: 2, stage: "VALUE_CONVERTER" });
  });

  it("decodes Spring AMQP's republished messages together with x-death", () => {
    const context = decodeDeadLetter({
      "x-exception-message": "Listener threw exception",
      "x-exception-stacktrace": "org.springframework.amqp.AmqpRejectAndDontRequeueException: nope\n\tat a.b(C.java:1)",
      "x-original-exchange": "shop",
      "x-original-routingKey": "orders.created",
      "x-death": [{ count: 1, reason: "rejected", queue: "orders", time: 5, exchange: "", "routing-keys": ["orders"] }],
    });
    expect(context.sources).toEqual(["x-death", "spring-amqp"]);
    expect(context.cause).toBe("org.springframework.amqp.AmqpRejectAndDontRequeueException");
    expect(context.original).toMatchObject({ queue: "orders", exchange: "", routingKeys: ["orders"] });
  });

  it("knows nothing about a message without context, and counts Queuewatch's replays", () => {
    expect(decodeDeadLetter({ "x-queuewatch-replay-count": 2 })).toEqual({ sources: [], cause: null, exception: null, original: null, deaths: [], replayCount: 2 });
    expect(decodeDeadLetter({ "x-queuewatch-replay-count": utf8("3") }).replayCount).toBe(3);
  });
});

describe("Spring Kafka retry topics", () => {
  it("reads the headers without dlt- that @RetryableTopic writes, the newest of repeated ones", () => {
    const context = decodeDeadLetter({ "kafka_original-topic": [utf8("first"), utf8("orders")], "kafka_original-offset": long(7), "kafka_exception-fqcn": utf8("java.lang.RuntimeException"), "kafka_dlt-original-consumer-group": utf8("g") });
    expect(context.sources).toEqual(["spring-kafka"]);
    expect(context.original).toMatchObject({ topic: "orders", offset: 7, consumerGroup: "g" });
    expect(context.cause).toBe("java.lang.RuntimeException");
  });
});
