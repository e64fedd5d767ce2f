import { describe, expect, it } from "vitest";
import { compileMatchers, globToRegex, matcherProblem, matchersFromMap, type LabelMatcher } from "./label-matchers";

describe("matchersFromMap", () => {
  it("turns globs into anchored regex matchers and other values into equality", () => {
    expect(matchersFromMap({ cluster: "prod", group: "payments-*", queue: "q?.dlq" })).toEqual([
      { label: "cluster", op: "=", value: "prod" },
      { label: "group", op: "=~", value: "payments-.*" },
      { label: "queue", op: "=~", value: "q.\\.dlq" },
    ]);
  });
});

describe("compileMatchers", () => {
  const labels = { cluster: "prod", group: "payments-eu", topic: "orders" };
  it.each<[string, LabelMatcher[], boolean]>([
    ["no matchers match everything", [], true],
    ["equality", [{ label: "cluster", op: "=", value: "prod" }], true],
    ["equality, other value", [{ label: "cluster", op: "=", value: "staging" }], false],
    ["glob from the map", matchersFromMap({ cluster: "prod", group: "payments-*" }), true],
    ["glob does not match a prefix of the name only", matchersFromMap({ group: "payments" }), false],
    ["regex is anchored (no partial match)", [{ label: "group", op: "=~", value: "pay" }], false],
    ["regex alternatives", [{ label: "group", op: "=~", value: "billing|payments-.*" }], true],
    ["negative regex", [{ label: "group", op: "!~", value: "payments-.*" }], false],
    ["not equal", [{ label: "topic", op: "!=", value: "orders" }], false],
    ["a missing label is empty: matches =~ .*", [{ label: "vhost", op: "=~", value: ".*" }], true],
    ["a missing label is empty: does not equal a value", [{ label: "vhost", op: "=", value: "/" }], false],
    ["regex characters in a glob are literal", matchersFromMap({ topic: "ord(e)rs*" }), false],
  ])("%s", (_name, matchers, expected) => {
    expect(compileMatchers(matchers)(labels)).toBe(expected);
  });
});

describe("matcherProblem / globToRegex", () => {
  it("names an invalid regex and accepts equality of anything", () => {
    expect(matcherProblem({ label: "group", op: "=~", value: "(" })).toMatch(/label group: invalid regex "\("/);
    expect(matcherProblem({ label: "group", op: "=", value: "(" })).toBeNull();
    expect(globToRegex("a.b*")).toBe("a\\.b.*");
  });
});
