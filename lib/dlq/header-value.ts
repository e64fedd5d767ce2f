// Message header values as the two wire formats give them, normalised for decoding and display. Kafka headers
// are raw bytes; AMQP headers are typed (amqplib and the management API give strings, numbers, booleans,
// arrays, tables, and byte arrays as Buffers). Pure and client-safe (no Buffer at runtime: Uint8Array).

/** An AMQP field value after decoding. */
export type AmqpValue = string | number | boolean | null | Uint8Array | AmqpValue[] | { [key: string]: AmqpValue };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The bytes as text when they are valid UTF-8 without control characters other than tab and newlines; else null. */
export function utf8Text(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return null;
  }
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
}

export function hex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

/** A big-endian signed integer of 4 or 8 bytes (Java's int and long, as Spring Kafka writes them); else null. */
export function bigEndianInteger(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength === 4) return view.getInt32(0);
  if (bytes.byteLength === 8) {
    const value = view.getBigInt64(0);
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
  }
  return null;
}

/** A header's value for display: text when it is text, else `0x…` hex; tables and arrays as JSON. */
export function displayValue(value: AmqpValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Uint8Array) {
    const text = utf8Text(value);
    return text ?? `0x${hex(value)}`;
  }
  if (typeof value === "object") return JSON.stringify(value, (_key, inner: unknown) => (inner instanceof Uint8Array ? displayValue(inner) : inner));
  return String(value);
}

/** A header value read as text (a string, or bytes that are UTF-8); else null. */
export function textOf(value: AmqpValue | undefined): string | null {
  // A Kafka header name can repeat (Spring appends on every republish): the last value is the newest.
  if (Array.isArray(value)) return textOf(value.at(-1));
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return utf8Text(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** A header value read as a number: a number, or decimal text (as strings, or as bytes the way Kafka Connect writes them). */
export function numberOf(value: AmqpValue | undefined): number | null {
  if (Array.isArray(value)) return numberOf(value.at(-1));
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const text = typeof value === "string" ? value : value instanceof Uint8Array ? utf8Text(value) : null;
  return text !== null && /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** Spring Kafka's binary int/long header (4 or 8 bytes, big-endian); decimal text from other writers is accepted too. */
export function binaryNumberOf(value: AmqpValue | undefined): number | null {
  if (Array.isArray(value)) return binaryNumberOf(value.at(-1));
  if (value instanceof Uint8Array && (value.byteLength === 4 || value.byteLength === 8)) return bigEndianInteger(value);
  return numberOf(value);
}
