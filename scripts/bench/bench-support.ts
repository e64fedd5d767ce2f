// Helpers shared by the benchmark scripts (npm run bench:*).
import pg from "pg";
import { migrateDeploy } from "@/scripts/db-migrate";

/** The local Postgres server the benchmarks use for their own throwaway databases. */
export const BENCH_SERVER = "postgresql://postgres@127.0.0.1:5432";

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await task();
  return { ms: performance.now() - started, value };
}

export const int = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Runs statements on the server's `postgres` database (CREATE/DROP DATABASE). */
export async function adminQuery(statements: readonly string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: `${BENCH_SERVER}/postgres` });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Drops and recreates a benchmark database (the name must start with queuewatch_bench) and migrates it. */
export async function recreateBenchDatabase(name: string): Promise<string> {
  if (!/^queuewatch_bench[a-z0-9_]*$/.test(name)) throw new Error(`refusing to recreate ${name}: not a benchmark database`);
  await adminQuery([`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
  const url = `${BENCH_SERVER}/${name}`;
  migrateDeploy(url);
  return url;
}

export async function dropBenchDatabase(name: string): Promise<void> {
  if (!/^queuewatch_bench[a-z0-9_]*$/.test(name)) throw new Error(`refusing to drop ${name}: not a benchmark database`);
  await adminQuery([`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
}

/**
 * `--keep` and numeric `--name=N` flags (positive integers) over the issue-size defaults; anything
 * else is an error naming the script whose header documents the flags.
 */
export function parseBenchFlags<T extends Record<string, number>>(argv: readonly string[], defaults: T, script: string): T & { keep: boolean } {
  const options: T & { keep: boolean } = { ...defaults, keep: false };
  for (const arg of argv) {
    if (arg === "--keep") {
      options.keep = true;
      continue;
    }
    const match = /^--([a-z]+)=(\d+)$/.exec(arg);
    const key = match?.[1];
    const value = Number(match?.[2]);
    if (key === undefined || !(key in defaults) || !Number.isInteger(value) || value < 1) throw new Error(`unknown or invalid flag ${arg} (see the comment at the top of ${script})`);
    (options as Record<string, number | boolean>)[key] = value;
  }
  return options;
}

export const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
