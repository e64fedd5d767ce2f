// Header maps as JSON for the store and the API: byte values become {"$base64": "…"}, everything else stays
// as it is. Pure and client-safe.
import type { AmqpValue } from "./header-value";

export type HeaderJson = string | number | boolean | null | { $base64: string } | HeaderJson[] | { [key: string]: HeaderJson };

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function headerToJson(value: AmqpValue): HeaderJson {
  if (value instanceof Uint8Array) return { $base64: base64(value) };
  if (Array.isArray(value)) return value.map(headerToJson);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, headerToJson(inner)]));
  return value;
}

const isBytes = (value: object): value is { $base64: string } => Object.keys(value).length === 1 && typeof (value as { $base64?: unknown }).$base64 === "string";

export function headerFromJson(value: unknown): AmqpValue {
  if (Array.isArray(value)) return value.map(headerFromJson);
  if (value !== null && typeof value === "object") return isBytes(value) ? fromBase64(value.$base64) : Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, headerFromJson(inner)]));
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return null;
}

export const headersToJson = (headers: Readonly<Record<string, AmqpValue>>): Record<string, HeaderJson> => Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, headerToJson(value)]));

export function headersFromJson(value: unknown): Record<string, AmqpValue> {
  const decoded = headerFromJson(value);
  return decoded !== null && typeof decoded === "object" && !Array.isArray(decoded) && !(decoded instanceof Uint8Array) ? decoded : {};
}
