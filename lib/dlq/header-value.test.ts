import { describe, expect, it } from "vitest";
import { bigEndianInteger, binaryNumberOf, displayValue, numberOf, textOf, utf8Text } from "./header-value";

const bytes = (...values: number[]) => Uint8Array.from(values);
const long = (value: bigint) => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, value);
  return out;
};

describe("header values", () => {
  it.each([
    ["plain text", new TextEncoder().encode("orders"), "orders"],
    ["text with newlines and tabs", new TextEncoder().encode("a\n\tb\r\n"), "a\n\tb\r\n"],
    ["invalid UTF-8", bytes(0xc3, 0x28), null],
    ["a control character", bytes(0x61, 0x00, 0x62), null],
    ["Spring's binary int", bytes(0, 0, 0, 3), null],
  ])("utf8Text: %s", (_name, input, expected) => {
    expect(utf8Text(input)).toBe(expected);
  });

  it("reads Java ints and longs big-endian, and refuses other widths and unsafe longs", () => {
    expect(bigEndianInteger(bytes(0, 0, 0, 7))).toBe(7);
    expect(bigEndianInteger(bytes(0xff, 0xff, 0xff, 0xff))).toBe(-1);
    expect(bigEndianInteger(long(1_733_011_200_123n))).toBe(1_733_011_200_123);
    expect(bigEndianInteger(long(2n ** 62n))).toBeNull();
    expect(bigEndianInteger(bytes(1, 2))).toBeNull();
  });

  it("binaryNumberOf prefers Spring's binary form; numberOf reads decimal text as Kafka Connect writes it", () => {
    expect(binaryNumberOf(long(42n))).toBe(42);
    expect(binaryNumberOf(bytes(0, 0, 0, 2))).toBe(2);
    expect(binaryNumberOf(new TextEncoder().encode("17"))).toBe(17);
    expect(numberOf(new TextEncoder().encode("12345"))).toBe(12345);
    expect(numberOf(bytes(0, 0, 0, 2))).toBeNull();
    expect(numberOf("3")).toBe(3);
    expect(numberOf(5)).toBe(5);
    expect(numberOf("five")).toBeNull();
  });

  it("displays text as text, bytes as 0x-hex, tables as JSON", () => {
    expect(displayValue(new TextEncoder().encode("<b>x</b>"))).toBe("<b>x</b>");
    expect(displayValue(bytes(0, 1, 0xff))).toBe("0x0001ff");
    expect(displayValue({ count: 1, raw: bytes(0xff) })).toBe('{"count":1,"raw":"0xff"}');
    expect(displayValue(null)).toBe("");
    expect(textOf(true)).toBe("true");
  });
});
