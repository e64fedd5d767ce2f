// Payload masking from the config, applied on the server before a payload or header reaches a browser that
// may not see it: field paths blank JSON fields ("customer.email", "items.*.card"), regexes blank matches in
// text, in binary payloads (byte for byte, so offsets keep) and in header values. Pure.
import { utf8Text, type AmqpValue } from "./header-value";

export type MaskRule = { path: string } | { regex: string; flags?: string };

export const MASK = "***";

export interface CompiledMask {
  paths: string[][];
  regexes: RegExp[];
}

export function compileMask(rules: readonly MaskRule[]): CompiledMask {
  return {
    paths: rules.flatMap((rule) => ("path" in rule ? [rule.path.split(".")] : [])),
    regexes: rules.flatMap((rule) => ("regex" in rule ? [new RegExp(rule.regex, `${(rule.flags ?? "").replace("g", "")}g`)] : [])),
  };
}

export const isEmptyMask = (mask: CompiledMask): boolean => mask.paths.length === 0 && mask.regexes.length === 0;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function maskPath(value: Json, path: readonly string[]): Json {
  const [head, ...rest] = path;
  if (head === undefined) return MASK;
  if (Array.isArray(value)) return head === "*" || /^\d+$/.test(head) ? value.map((item, index) => (head === "*" || String(index) === head ? maskPath(item, rest) : item)) : value;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, head === "*" || head === key ? maskPath(inner, rest) : inner]));
}

const maskText = (text: string, regexes: readonly RegExp[]): string => regexes.reduce((out, regex) => out.replace(regex, MASK), text);

/** The payload with the rules applied: JSON fields by path, then every regex match; a binary payload keeps its length. */
export function maskPayload(bytes: Uint8Array, mask: CompiledMask): Uint8Array {
  if (isEmptyMask(mask)) return bytes;
  const text = utf8Text(bytes);
  if (text === null) {
    // Binary: match over the bytes as Latin-1 (one char per byte) and star the matched bytes out.
    let latin1 = "";
    for (const byte of bytes) latin1 += String.fromCharCode(byte);
    const out = Uint8Array.from(bytes);
    for (const regex of mask.regexes) {
      for (const match of latin1.matchAll(regex)) out.fill(0x2a, match.index, match.index + match[0].length);
    }
    return out;
  }
  let masked = text;
  if (mask.paths.length > 0) {
    try {
      masked = JSON.stringify(mask.paths.reduce<Json>((json, path) => maskPath(json, path), JSON.parse(text) as Json));
    } catch {
      // not JSON: the paths do not apply
    }
  }
  return new TextEncoder().encode(maskText(masked, mask.regexes));
}

/** Header values with every regex match blanked (paths are for payloads). */
export function maskHeaders(headers: Readonly<Record<string, AmqpValue>>, mask: CompiledMask): Record<string, AmqpValue> {
  if (mask.regexes.length === 0) return { ...headers };
  const maskValue = (value: AmqpValue): AmqpValue => {
    if (typeof value === "string") return maskText(value, mask.regexes);
    if (value instanceof Uint8Array) return maskPayload(value, { paths: [], regexes: mask.regexes });
    if (Array.isArray(value)) return value.map(maskValue);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskValue(inner)]));
    return value;
  };
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, maskValue(value)]));
}
