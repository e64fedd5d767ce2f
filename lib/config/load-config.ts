import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, parseConfig } from "./parse-config";
import type { QueuewatchConfig } from "./schema";

export const DEFAULT_CONFIG_PATH = "./queuewatch.yaml";

export function configPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  // The config path is only known at run time: keep the bundler from tracing it.
  return path.resolve(/*turbopackIgnore: true*/ env.QUEUEWATCH_CONFIG ?? DEFAULT_CONFIG_PATH);
}

/** Reads QUEUEWATCH_CONFIG (default ./queuewatch.yaml). Throws ConfigError with file, field and problem. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): QueuewatchConfig {
  const file = configPath(env);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      `${file}: cannot read the configuration file (${reason}). Copy queuewatch.example.yaml to queuewatch.yaml or set QUEUEWATCH_CONFIG.`,
    );
  }
  return parseConfig(text, file, env);
}

let cached: { file: string; config: QueuewatchConfig } | undefined;

/** The web app reads the file once per process; restart to pick up changes. */
export function getConfig(): QueuewatchConfig {
  const file = configPath();
  if (!cached || cached.file !== file) cached = { file, config: loadConfig() };
  return cached.config;
}
