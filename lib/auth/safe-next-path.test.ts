import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it.each([
    ["/clusters/a?range=1h", "/clusters/a?range=1h"],
    [null, "/"],
    ["", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/login?next=/x", "/"],
    ["/api/v1/users", "/"],
    ["/x\r\nSet-Cookie: a=b", "/"],
  ])("%j → %j", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });
});
