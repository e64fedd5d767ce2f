// How a dead letter's payload is shown: pretty JSON when it is JSON, text when it is UTF-8 text, else a hex
// dump; never more than a cap (the rest is a download). Pure and client-safe.
import { utf8Text } from "./header-value";

export type PayloadFormat = "json" | "text" | "binary" | "empty";

export interface PayloadView {
  format: PayloadFormat;
  /** what to show, as text (never HTML) */
  text: string;
  /** the payload's size in bytes */
  size: number;
  /** true when `text` shows only the first `capBytes` */
  truncated: boolean;
}

const HEX_COLUMNS = 16;

/** `00000010  de ad be ef …  |....|`: offset, 16 bytes in hex, and their printable ASCII. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += HEX_COLUMNS) {
    const row = bytes.subarray(offset, offset + HEX_COLUMNS);
    const hexPart = [...row].map((b) => b.toString(16).padStart(2, "0")).join(" ").padEnd(HEX_COLUMNS * 3 - 1);
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
    lines.push(`${offset.toString(16).padStart(8, "0")}  ${hexPart}  |${ascii}|`);
  }
  return lines.join("\n");
}

/** Cuts a text at a code point boundary no later than `capBytes` UTF-8 bytes. */
function cutUtf8(bytes: Uint8Array, capBytes: number): Uint8Array {
  let end = Math.min(capBytes, bytes.length);
  // Step back over continuation bytes (10xxxxxx) so the cut never splits a character.
  while (end > 0 && end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

export function viewPayload(bytes: Uint8Array, capBytes: number): PayloadView {
  const size = bytes.length;
  if (size === 0) return { format: "empty", text: "", size, truncated: false };
  const truncated = size > capBytes;
  const text = utf8Text(truncated ? cutUtf8(bytes, capBytes) : bytes);
  if (text === null) return { format: "binary", text: hexDump(bytes.subarray(0, Math.min(size, capBytes))), size, truncated };
  if (!truncated) {
    const trimmed = text.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        return { format: "json", text: JSON.stringify(JSON.parse(trimmed), null, 2), size, truncated };
      } catch {
        // not JSON after all: shown as text
      }
    }
  }
  return { format: "text", text, size, truncated };
}
