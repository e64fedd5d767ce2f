import { describe, expect, it } from "vitest";
import { hexDump, viewPayload } from "./payload-view";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("viewPayload", () => {
  it("pretty-prints JSON, keeps text as text, dumps binary as hex", () => {
    expect(viewPayload(utf8('{"a":[1,2]}'), 1000)).toEqual({ format: "json", text: '{\n  "a": [\n    1,\n    2\n  ]\n}', size: 11, truncated: false });
    expect(viewPayload(utf8("<script>alert(1)</script>"), 1000)).toEqual({ format: "text", text: "<script>alert(1)</script>", size: 25, truncated: false });
    expect(viewPayload(utf8("{not json"), 1000).format).toBe("text");
    expect(viewPayload(Uint8Array.from([0xde, 0xad, 0xbe, 0xef]), 1000)).toEqual({ format: "binary", text: "00000000  de ad be ef                                      |....|", size: 4, truncated: false });
    expect(viewPayload(new Uint8Array(0), 1000).format).toBe("empty");
  });

  it("caps what it shows, never splitting a character, and treats a cut JSON as text", () => {
    const view = viewPayload(utf8(`{"name":"${"é".repeat(10)}"}`), 12);
    expect(view).toMatchObject({ format: "text", truncated: true, size: 31 });
    expect(view.text).toBe('{"name":"é');
    const big = viewPayload(new Uint8Array(10 * 1024 * 1024).fill(0x41), 64 * 1024);
    expect(big.text).toHaveLength(64 * 1024);
    expect(big.truncated).toBe(true);
  });

  it("shows invalid UTF-8 as binary", () => {
    expect(viewPayload(Uint8Array.from([0x61, 0xc3, 0x28]), 100).format).toBe("binary");
  });

  it("hex dump rows are 16 bytes with their ASCII", () => {
    const dump = hexDump(Uint8Array.from({ length: 18 }, (_v, i) => 0x41 + i)).split("\n");
    expect(dump).toEqual(["00000000  41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50  |ABCDEFGHIJKLMNOP|", "00000010  51 52                                            |QR|"]);
  });
});
