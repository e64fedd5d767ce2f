import { describe, expect, it } from "vitest";
import { describeError } from "./describe-error";

class KafkaJSConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KafkaJSConnectionError";
  }
}

describe("describeError", () => {
  it("names the error and follows causes", () => {
    const error = new Error("Number of retries exceeded", { cause: new KafkaJSConnectionError("Connection error: connect ECONNREFUSED 127.0.0.1:9092") });
    expect(describeError(error)).toBe("Number of retries exceeded ← caused by KafkaJSConnectionError: Connection error: connect ECONNREFUSED 127.0.0.1:9092");
  });

  it("follows kafkajs originalError and skips repeated messages", () => {
    const inner = new Error("connect ECONNREFUSED");
    const outer = Object.assign(new Error("connect ECONNREFUSED"), { originalError: inner });
    expect(describeError(outer)).toBe("connect ECONNREFUSED");
  });

  it("handles non-errors and truncates", () => {
    expect(describeError("plain")).toBe("plain");
    expect(describeError(undefined)).toBe("unknown error");
    expect(describeError(new Error("x".repeat(50)), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
