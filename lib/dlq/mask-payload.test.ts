import { describe, expect, it } from "vitest";
import { compileMask, maskHeaders, maskPayload } from "./mask-payload";

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("masking", () => {
  const mask = compileMask([{ path: "customer.email" }, { path: "items.*.card" }, { regex: "\\b\\d{16}\\b" }]);

  it("blanks JSON fields by path (with * for any key or index) and regex matches anywhere in text", () => {
    const payload = { customer: { email: "a@b.c", name: "Ann" }, items: [{ card: "x", sku: 1 }, { card: { n: 1 } }], note: "card 4111111111111111 used" };
    expect(JSON.parse(text(maskPayload(utf8(JSON.stringify(payload)), mask)))).toEqual({ customer: { email: "***", name: "Ann" }, items: [{ card: "***", sku: 1 }, { card: "***" }], note: "card *** used" });
    expect(text(maskPayload(utf8("plain 4111111111111111"), mask))).toBe("plain ***");
  });

  it("stars out matches in binary payloads byte for byte", () => {
    const binary = Uint8Array.from([0xff, ...utf8("4111111111111111"), 0x00]);
    const masked = maskPayload(binary, mask);
    expect(masked).toHaveLength(binary.length);
    expect(text(masked.subarray(1, 17))).toBe("*".repeat(16));
    expect(masked[0]).toBe(0xff);
  });

  it("masks header values (strings, bytes, tables) and leaves everything alone without rules", () => {
    expect(maskHeaders({ note: "4111111111111111", raw: utf8("id 4111111111111111"), nested: [{ v: "4111111111111111" }], n: 3 }, mask)).toEqual({ note: "***", raw: utf8("id ***"), nested: [{ v: "***" }], n: 3 });
    const none = compileMask([]);
    const same = utf8('{"customer":{"email":"a"}}');
    expect(maskPayload(same, none)).toBe(same);
  });
});
