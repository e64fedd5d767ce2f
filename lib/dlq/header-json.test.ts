import { describe, expect, it } from "vitest";
import { headersFromJson, headersToJson } from "./header-json";
import { sourceKeyOf, sourceRefOf } from "./source-key";

describe("header JSON", () => {
  it("round-trips bytes (binary and text), tables, arrays and scalars", () => {
    const headers = { bin: Uint8Array.from([0, 255, 7]), text: new TextEncoder().encode("é"), "x-death": [{ count: 2, queue: "q", keys: ["a"] }], n: 1.5, b: false, none: null };
    const json = headersToJson(headers);
    expect(json.bin).toEqual({ $base64: "AP8H" });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(headersFromJson(JSON.parse(JSON.stringify(json)))).toEqual(headers);
    expect(headersFromJson("junk")).toEqual({});
  });
});

describe("source keys", () => {
  it.each([[{ topic: "orders-dlt" }, "topic:orders-dlt"], [{ vhost: "/", queue: "a/b:c" }, "queue:%2F/a/b:c"], [{ vhost: "e2e/\"vh\" %2F", queue: "q/<x>" }, "queue:e2e%2F%22vh%22%20%252F/q/<x>"]])("%j ⇄ %j", (ref, key) => {
    expect(sourceKeyOf(ref)).toBe(key);
    expect(sourceRefOf(key)).toEqual(ref);
  });
  it("refuses unknown keys", () => {
    expect(sourceRefOf("x:1")).toBeNull();
    expect(sourceRefOf("queue:novhost")).toBeNull();
    expect(sourceRefOf("queue:%E0%A4%A/q")).toBeNull();
  });
});
