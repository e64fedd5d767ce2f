import { parseDocument } from "yaml";
import type { z } from "zod";
import { configSchema, type QueuewatchConfig } from "./schema";

/** A configuration file that cannot be used; the message names the file, field and problem. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replaces `${NAME}` in every string value; a missing variable is an error, not an empty secret. */
export function interpolateEnv(value: unknown, env: Record<string, string | undefined>, path: (string | number)[], missing: string[]): unknown {
  if (typeof value === "string") {
    return value.replace(ENV_REF, (_match, name: string) => {
      const resolved = env[name];
      if (resolved === undefined) {
        missing.push(`${formatPath(path)}: environment variable ${name} is not set`);
        return "";
      }
      return resolved;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolateEnv(item, env, [...path, index], missing));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateEnv(item, env, [...path, key], missing)]),
    );
  }
  return value;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`))
    .join("");
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

/** Parses and validates YAML text. Pure: the file name is only used in messages. */
export function parseConfig(text: string, fileName: string, env: Record<string, string | undefined>): QueuewatchConfig {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    throw new ConfigError(`${fileName}: invalid YAML: ${first?.message ?? "unknown error"}`);
  }
  const raw: unknown = document.toJS() ?? {};
  const missing: string[] = [];
  const interpolated = interpolateEnv(raw, env, [], missing);
  if (missing.length > 0) {
    throw new ConfigError(`${fileName}: ${missing.join("; ")}`);
  }
  const result = configSchema.safeParse(interpolated);
  if (!result.success) {
    throw new ConfigError(`${fileName}: invalid configuration:\n  - ${describeIssues(result.error.issues).join("\n  - ")}`);
  }
  return result.data;
}
