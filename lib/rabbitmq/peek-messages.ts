import "server-only";
// A live read of a classic queue that puts every message back: the management API's "get messages" with
// ackmode ack_requeue_true. The queue keeps its messages and their order; each read message's redelivered
// flag is set (docs/dlq-research.md measures both). Never used on quorum queues, where every message put back
// counts against its delivery limit.
import { z } from "zod";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import type { HeldMessage } from "@/lib/dlq/held-message";
import type { AmqpValue } from "@/lib/dlq/header-value";
import { createHash } from "node:crypto";
import { postManagementJson } from "./management-client";

const table = z.record(z.string(), z.unknown());
const gotMessage = z.object({
  payload: z.string(),
  payload_bytes: z.number(),
  payload_encoding: z.enum(["string", "base64"]),
  redelivered: z.boolean(),
  exchange: z.string(),
  routing_key: z.string(),
  properties: z.union([table, z.array(z.unknown())]).transform((value) => (Array.isArray(value) ? {} : value)),
});

/** JSON from the management API as AMQP values (it has no byte arrays: those arrive as strings). */
function amqpValue(value: unknown): AmqpValue {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(amqpValue);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, amqpValue(inner)]));
  return null;
}

/** Up to `count` messages from the head of the queue, each returned to it. */
export async function peekQueue(cluster: RabbitmqClusterConfig, vhost: string, queue: string, count: number): Promise<HeldMessage[]> {
  const answer = await postManagementJson(cluster, `api/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(queue)}/get`, { count, ackmode: "ack_requeue_true", encoding: "base64", truncate: 50_000_000 }, 30_000);
  const messages = z.array(gotMessage).parse(answer);
  return messages.map((message, index): HeldMessage => {
    const payload = message.payload_encoding === "base64" ? new Uint8Array(Buffer.from(message.payload, "base64")) : new TextEncoder().encode(message.payload);
    const { headers, ...properties } = message.properties;
    const headerMap = headers !== null && typeof headers === "object" && !Array.isArray(headers) ? (amqpValue(headers) as Record<string, AmqpValue>) : {};
    const timestamp = typeof properties.timestamp === "number" ? properties.timestamp * 1000 : null;
    // No identity of its own in the queue: its position in this read and its content.
    const digest = createHash("sha256").update(JSON.stringify(message.properties)).update(payload).digest("hex").slice(0, 16);
    return {
      identity: `peek:${index}:${digest}`,
      partition: null, offset: null, timestamp, key: null,
      headers: headerMap,
      properties: { ...(amqpValue(properties) as Record<string, AmqpValue>), exchange: message.exchange, routing_key: message.routing_key, redelivered: message.redelivered },
      payload,
    };
  });
}
