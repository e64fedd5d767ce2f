import { describe, expect, it } from "vitest";
import { capturePatternProblem, compileCapturePatterns } from "./dead-letter-capture";

describe("capture patterns", () => {
  it("matches a name in vhost /, a vhost/name, and * anywhere", () => {
    const captures = compileCapturePatterns(["orders.dlq", "prod/*.dlq", "*/audit-*"]);
    expect(captures("/", "orders.dlq")).toBe(true);
    expect(captures("staging", "orders.dlq")).toBe(false);
    expect(captures("prod", "payments.dlq")).toBe(true);
    expect(captures("prod", "payments.dlq.old")).toBe(false);
    expect(captures("staging", "audit-x")).toBe(true);
    expect(captures("/", "orders-dlq")).toBe(false);
  });

  it("treats the pattern's dots and brackets as text and decodes an encoded vhost", () => {
    const captures = compileCapturePatterns(["a.b", "%2Fprod/q[1]"]);
    expect(captures("/", "axb")).toBe(false);
    expect(captures("/prod", "q[1]")).toBe(true);
  });

  it("names a bad pattern", () => {
    expect(capturePatternProblem("")).toBe("is empty");
    expect(capturePatternProblem("a/b/c")).toMatch(/more than one/);
    expect(capturePatternProblem("vh/q")).toBeNull();
  });

  it("captures nothing without patterns", () => {
    expect(compileCapturePatterns([])("/", "x")).toBe(false);
  });
});
