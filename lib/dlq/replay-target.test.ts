import { describe, expect, it } from "vitest";
import { decodeDeadLetter } from "./decode-dead-letter";
import { applyVerb, replayInputSchema } from "./replay-input";
import { applyEdit, decideReplay, originalTarget, replayHeaders, targetLabel } from "./replay-target";

const utf8 = (text: string) => new TextEncoder().encode(text);
const rabbit = decodeDeadLetter({ "x-death": [{ count: 1, reason: "rejected", queue: "orders", exchange: "shop", "routing-keys": ["orders.created"], time: 1 }] });
const springAmqp = decodeDeadLetter({ "x-original-exchange": "shop", "x-original-routingKey": "orders.created", "x-exception-message": "boom" });
const spring = decodeDeadLetter({ "kafka_dlt-original-topic": utf8("orders") });

describe("replay targets", () => {
  it("sends a message where it came from: the Kafka topic, the queue it first died in (default exchange), or Spring AMQP's exchange and key", () => {
    expect(originalTarget({ topic: "orders-dlt" }, spring)).toEqual({ topic: "orders" });
    expect(originalTarget({ vhost: "v", queue: "orders.dlq" }, rabbit)).toEqual({ vhost: "v", queue: "orders" });
    expect(originalTarget({ vhost: "v", queue: "orders.dlq" }, springAmqp)).toEqual({ vhost: "v", exchange: "shop", routingKey: "orders.created" });
    expect(originalTarget({ topic: "x-dlt" }, decodeDeadLetter({}))).toBeNull();
    expect([{ topic: "t" }, { vhost: "/", queue: "q" }, { vhost: "v", queue: "q" }, { vhost: "/", exchange: "", routingKey: "k" }].map(targetLabel)).toEqual(["topic t", "queue q", "queue v/q", "exchange (default) → k"]);
  });

  it("decides: the ledger first, then the loop guard, then the job's target or the message's own", () => {
    const base = { source: { topic: "orders-dlt" }, context: spring, target: null, maxReplays: 3, alreadySent: false };
    expect(decideReplay(base)).toEqual({ kind: "replay", target: { topic: "orders" } });
    expect(decideReplay({ ...base, target: { topic: "other" } })).toEqual({ kind: "replay", target: { topic: "other" } });
    expect(decideReplay({ ...base, alreadySent: true }).kind).toBe("skip");
    expect(decideReplay({ ...base, context: { ...spring, replayCount: 3 } })).toMatchObject({ kind: "park", reason: expect.stringMatching(/replayed 3 times/) });
    expect(decideReplay({ ...base, context: decodeDeadLetter({}) })).toMatchObject({ kind: "skip", reason: expect.stringMatching(/choose a target/) });
  });

  it("adds one to the replay count and keeps every other header", () => {
    expect(replayHeaders({ a: "1", "x-queuewatch-replay-count": 2 }, 2)).toEqual({ a: "1", "x-queuewatch-replay-count": 3 });
  });
});

describe("replay jobs", () => {
  it.each([
    ["pending", "pause", { status: "paused", requested: null }],
    ["running", "pause", { status: "running", requested: "pause" }],
    ["paused", "resume", { status: "pending", requested: null }],
    ["running", "cancel", { status: "running", requested: "cancel" }],
    ["paused", "cancel", { status: "cancelled", requested: null }],
    ["done", "cancel", "the job is done"],
    ["running", "resume", "the job is running, not paused"],
  ] as const)("%s + %s", (status, verb, expected) => {
    expect(applyVerb(status, verb)).toEqual(expected);
  });

  it("validates the API's input with defaults, and names what is wrong", () => {
    expect(replayInputSchema.parse({ cluster: "k", source: { topic: "t-dlt" } })).toMatchObject({ action: "replay", dryRun: false, filter: { state: "dead" }, again: false });
    const bad = replayInputSchema.safeParse({ cluster: "k", source: { topic: "t" }, ratePerSecond: 0, target: { queue: "q" } });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["ratePerSecond", "target"]));
  });

  it("applies an edit: a new text or base64 payload, headers set and removed, the rest kept", () => {
    const message = { payload: utf8("old"), headers: { a: "1", b: 2, gone: "x" } };
    expect(applyEdit(message, { payload: "{\"fixed\":true}", headers: { a: "changed", gone: null, added: "y" } })).toEqual({ payload: utf8('{"fixed":true}'), headers: { a: "changed", b: 2, added: "y" } });
    expect(applyEdit(message, { payloadBase64: "AP8=" }).payload).toEqual(new Uint8Array([0, 255]));
    expect(applyEdit(message, {})).toEqual(message);
  });

  it("accepts an edit for exactly one replayed message", () => {
    const base = { cluster: "c", source: { topic: "t-dlt" } };
    expect(replayInputSchema.safeParse({ ...base, ids: ["1"], edit: { payload: "x" } }).success).toBe(true);
    expect(replayInputSchema.safeParse({ ...base, ids: ["1", "2"], edit: { payload: "x" } }).error?.issues[0]?.message).toMatch(/exactly one id/);
    expect(replayInputSchema.safeParse({ ...base, edit: { payload: "x" } }).success).toBe(false);
    expect(replayInputSchema.safeParse({ ...base, ids: ["1"], action: "discard", edit: { payload: "x" } }).error?.issues[0]?.message).toMatch(/only a replayed/);
    expect(replayInputSchema.safeParse({ ...base, ids: ["1"], edit: { payload: "x", payloadBase64: "eA==" } }).success).toBe(false);
  });
});
