// A small levelled logger for the Queuewatch processes (collector, web start-up, maintenance).
// One line per event: "<ISO time> <LEVEL> <message>"; debug and info to stdout, warn and error to stderr.

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export class LogLevelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LogLevelError";
  }
}

export const DEFAULT_LOG_LEVEL: LogLevel = "info";

function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/** LOG_LEVEL → level; unset or empty is the default (info), anything else unknown is an error. */
export function parseLogLevel(value: string | undefined): LogLevel {
  const level = value?.trim().toLowerCase() ?? "";
  if (level === "") return DEFAULT_LOG_LEVEL;
  if (!isLogLevel(level)) throw new LogLevelError(`LOG_LEVEL "${value}" is not one of ${LOG_LEVELS.join(", ")} (default ${DEFAULT_LOG_LEVEL})`);
  return level;
}

const USERINFO_IN_URL = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+):[^@\s/]+@/gi;

/**
 * Removes secrets from a log message: the given secret values (config passwords) and the
 * password part of any URL with credentials.
 */
export function redactSecrets(message: string, secrets: readonly string[]): string {
  let redacted = message;
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) redacted = redacted.split(secret).join("***");
  }
  return redacted.replace(USERINFO_IN_URL, "$1:***@");
}

export function formatLogLine(level: LogLevel, message: string, now: Date): string {
  return `${now.toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
}

export interface LoggerOptions {
  level: LogLevel;
  /** receives each formatted line; default: stdout for debug/info, stderr for warn/error */
  write?: (line: string, level: LogLevel) => void;
  /** values never to print (passwords from the config) */
  secrets?: readonly string[];
  clock?: () => Date;
}

function writeToConsoleStreams(line: string, level: LogLevel): void {
  (level === "warn" || level === "error" ? process.stderr : process.stdout).write(`${line}\n`);
}

export function createLogger(options: LoggerOptions): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level);
  const write = options.write ?? writeToConsoleStreams;
  const secrets = options.secrets ?? [];
  const clock = options.clock ?? (() => new Date());
  const emit = (level: LogLevel) => (message: string): void => {
    if (LOG_LEVELS.indexOf(level) >= threshold) write(formatLogLine(level, redactSecrets(message, secrets), clock()), level);
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = createLogger({ level: "error", write: () => {} });
