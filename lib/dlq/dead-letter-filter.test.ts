import { describe, expect, it } from "vitest";
import { deadLetterFilterSchema, matchesDeadLetterFilter } from "./dead-letter-filter";

const message = {
  state: "dead",
  cause: "rejected",
  exceptionClass: "java.lang.IllegalStateException",
  originalTopic: null,
  originalQueue: "orders",
  headerText: { "x-tenant": "ACME-1", empty: "" },
  payload: new TextEncoder().encode('{"order":42,"name":"Ünïcode"}'),
  ts: new Date("2026-12-07T10:00:00Z"),
};

describe("matchesDeadLetterFilter", () => {
  it.each([
    [{}, true],
    [{ cause: "rejected" }, true],
    [{ cause: "expired" }, false],
    [{ exceptionClass: "illegalstate" }, true],
    [{ exceptionClass: "Timeout" }, false],
    [{ original: "orders" }, true],
    [{ original: "payments" }, false],
    [{ header: "x-tenant" }, true],
    [{ header: "x-tenant", headerValue: "acme" }, true],
    [{ header: "x-tenant", headerValue: "other" }, false],
    [{ header: "missing" }, false],
    [{ text: '"order":42' }, true],
    [{ text: "Ünïcode" }, true],
    [{ text: "ünïcode" }, false],
    [{ from: "2026-12-07T10:00:00Z" }, true],
    [{ to: "2026-12-07T10:00:00Z" }, false],
    [{ state: "replayed" }, false],
    [{ state: "any" }, true],
  ])("%j → %s", (raw, expected) => {
    expect(matchesDeadLetterFilter(message, deadLetterFilterSchema.parse(raw))).toBe(expected);
  });

  it("rejects unknown fields and bad times with the field named", () => {
    expect(deadLetterFilterSchema.safeParse({ colour: "red" }).success).toBe(false);
    expect(deadLetterFilterSchema.safeParse({ from: "yesterday" }).error?.issues[0]?.path).toEqual(["from"]);
  });
});
