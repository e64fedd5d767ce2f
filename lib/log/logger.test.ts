import { describe, expect, it } from "vitest";
import { createLogger, LogLevelError, parseLogLevel, redactSecrets, type LogLevel } from "./logger";

describe("parseLogLevel", () => {
  it.each([
    [undefined, "info"],
    ["", "info"],
    ["debug", "debug"],
    ["WARN", "warn"],
    [" error ", "error"],
  ] as const)("%j → %s", (value, level) => {
    expect(parseLogLevel(value)).toBe(level);
  });

  it.each(["verbose", "trace", "1"])("refuses %j with the allowed values", (value) => {
    expect(() => parseLogLevel(value)).toThrow(LogLevelError);
    expect(() => parseLogLevel(value)).toThrow(`LOG_LEVEL "${value}" is not one of debug, info, warn, error (default info)`);
  });
});

describe("createLogger", () => {
  const clock = () => new Date("2026-12-02T18:00:00.000Z");

  it.each([
    ["debug", ["debug", "info", "warn", "error"]],
    ["info", ["info", "warn", "error"]],
    ["warn", ["warn", "error"]],
    ["error", ["error"]],
  ] as const)("at %s writes %j", (level, written) => {
    const lines: [string, LogLevel][] = [];
    const logger = createLogger({ level, clock, write: (line, at) => lines.push([line, at]) });
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");
    expect(lines.map(([, at]) => at)).toEqual(written);
  });

  it("formats time, level and message on one line", () => {
    const lines: string[] = [];
    createLogger({ level: "debug", clock, write: (line) => lines.push(line) }).warn("[k] down: boom");
    expect(lines).toEqual(["2026-12-02T18:00:00.000Z WARN  [k] down: boom"]);
  });

  it("never writes a secret", () => {
    const lines: string[] = [];
    createLogger({ level: "info", clock, secrets: ["s3cret"], write: (line) => lines.push(line) }).error("login with s3cret failed");
    expect(lines[0]).toContain("login with *** failed");
  });
});

describe("redactSecrets", () => {
  it.each([
    ["amqp://user:pa55@host:5672/vh", [], "amqp://user:***@host:5672/vh"],
    ["postgresql://postgres:pw@127.0.0.1:5432/db and http://a:b@h", [], "postgresql://postgres:***@127.0.0.1:5432/db and http://a:***@h"],
    ["http://127.0.0.1:15672/api", [], "http://127.0.0.1:15672/api"],
    ["password abc and abcdef", ["abc", "abcdef"], "password *** and ***"],
    ["nothing to hide", [""], "nothing to hide"],
  ] as const)("%s", (message, secrets, expected) => {
    expect(redactSecrets(message, secrets)).toBe(expected);
  });
});
