// A message delivered over AMQP (basic.get or a consumer) as the dead-letter store holds it. The headers the
// broker sets per delivery are left out — a quorum queue's x-delivery-count (it changes on every delivery,
// docs/dlq-research.md §2) and a stream's x-stream-offset (the offset, kept as the offset) — so the same dead
// letter delivered twice is the same message. Pure.
import { createHash } from "node:crypto";
import type { Message } from "amqplib";
import type { AmqpValue } from "@/lib/dlq/header-value";
import type { HeldMessage } from "@/lib/dlq/held-message";

export const STREAM_OFFSET_HEADER = "x-stream-offset";
const DELIVERY_HEADERS = new Set(["x-delivery-count", STREAM_OFFSET_HEADER]);

/** The dead letter's content, whatever identity it is given: headers without delivery headers, properties with where it was published. */
function contentOf(message: Message): Omit<HeldMessage, "identity" | "offset"> {
  const { headers, ...properties } = message.properties;
  const own = Object.entries((headers ?? {}) as Record<string, AmqpValue>).filter(([name]) => !DELIVERY_HEADERS.has(name));
  return {
    partition: null,
    timestamp: typeof properties.timestamp === "number" ? properties.timestamp * 1000 : null,
    key: null,
    headers: Object.fromEntries(own),
    properties: { ...(properties as Record<string, AmqpValue>), exchange: message.fields.exchange, routing_key: message.fields.routingKey },
    payload: new Uint8Array(message.content),
  };
}

/** A queue's message identified by its content (a queue gives it no identity of its own). */
export function heldFromQueue(message: Message): HeldMessage {
  const content = contentOf(message);
  const digest = createHash("sha256").update(JSON.stringify([content.headers, content.properties])).update(content.payload).digest("hex");
  return { ...content, identity: `sha256:${digest}`, offset: null };
}

/** A stream's message: its offset (the delivery's x-stream-offset header) is its identity. */
export function heldFromStream(message: Message): HeldMessage | null {
  const offset = message.properties.headers?.[STREAM_OFFSET_HEADER] as unknown;
  if (typeof offset !== "number" || !Number.isSafeInteger(offset)) return null;
  return { ...contentOf(message), identity: String(offset), offset };
}
