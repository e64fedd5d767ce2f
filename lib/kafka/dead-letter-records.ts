// A Kafka record as a held dead letter: identity "<partition>:<offset>", headers as bytes (a repeated name
// becomes a list, newest last). Pure.
import type { HeldMessage } from "@/lib/dlq/held-message";
import type { AmqpValue } from "@/lib/dlq/header-value";
import type { PartitionRecord } from "./read-partition-range";

export function heldKafkaRecord(partition: number, record: PartitionRecord): HeldMessage {
  const headers: Record<string, AmqpValue> = {};
  for (const { name, value } of record.headers) {
    const bytes = value === null ? null : new Uint8Array(value);
    const previous = headers[name];
    headers[name] = previous === undefined ? bytes : Array.isArray(previous) ? [...previous, bytes] : [previous, bytes];
  }
  return {
    identity: `${partition}:${record.offset}`,
    partition,
    offset: record.offset,
    timestamp: Number.isFinite(record.timestamp) && record.timestamp > 0 ? record.timestamp : null,
    key: record.key === null ? null : new Uint8Array(record.key),
    headers,
    properties: null,
    payload: record.value === null ? new Uint8Array(0) : new Uint8Array(record.value),
  };
}
