import { describe, expect, it } from "vitest";
import { compileDeadLetterPatterns, deadLetterPatternProblem, DEFAULT_DEAD_LETTER_TOPIC_PATTERNS, findDeadLetterTopics } from "./dead-letter-topics";

describe("dead-letter topics by name", () => {
  const patterns = compileDeadLetterPatterns(DEFAULT_DEAD_LETTER_TOPIC_PATTERNS);

  it("finds them and names the source topic when it exists", () => {
    const topics = ["orders", "orders-dlt", "payments", "payments.DLT", "dlq-jdbc-sink", "audit.dlq", "orders-retry-0", "dlt", "billing.dlq.archive", "a.b-dlt"];
    expect(findDeadLetterTopics(topics, patterns)).toEqual([
      { topic: "orders-dlt", pattern: "{topic}-dlt", sourceByName: "orders" },
      { topic: "payments.DLT", pattern: "{topic}.DLT", sourceByName: "payments" },
      { topic: "dlq-jdbc-sink", pattern: "dlq-{topic}", sourceByName: null },
      { topic: "audit.dlq", pattern: "{topic}.dlq", sourceByName: null },
      { topic: "a.b-dlt", pattern: "{topic}-dlt", sourceByName: null },
    ]);
  });

  it("treats * as anything and regex characters as text", () => {
    const custom = compileDeadLetterPatterns(["errors.*", "{topic}+dead"]);
    expect(findDeadLetterTopics(["errors.orders", "errorsXorders", "x+dead", "x", "xxdead"], custom).map((m) => [m.topic, m.sourceByName])).toEqual([["errors.orders", null], ["x+dead", "x"]]);
  });

  it.each([
    ["{topic}", "matches every topic (it needs some fixed text, like \"-dlt\")"],
    ["*", "matches every topic (it needs some fixed text, like \"-dlt\")"],
    ["{topic}-{topic}", "has {topic} more than once"],
    ["", "is empty"],
    ["{topic}-dlt", null],
  ])("pattern %j: %s", (pattern, problem) => {
    expect(deadLetterPatternProblem(pattern)).toBe(problem);
  });
});
