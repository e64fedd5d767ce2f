// Writes a throwaway Queuewatch config and points the process at it and at the test database.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/queuewatch_test";

export function writeTestConfig(yaml: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "qw-config-"));
  const file = path.join(dir, "queuewatch.yaml");
  writeFileSync(file, yaml);
  process.env.QUEUEWATCH_CONFIG = file;
  process.env.DATABASE_URL = TEST_DATABASE_URL;
  return file;
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
