// Start-up guards of the real processes: a bad config file and an unmigrated database
// stop start-up with a clear message; the embedded Postgres starts from nothing and migrates.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { assertDatabaseMigrated, DatabaseNotMigratedError } from "@/lib/db/check-migrations";
import { resolveDatabase } from "@/lib/db/database-url";
import { migrateDeploy } from "@/scripts/db-migrate";
import { uniqueSuffix } from "../support/test-config";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");

const PROCESSES = ["scripts/collector.ts", "scripts/start-web.ts"] as const;

/** Runs a Queuewatch process (collector or web) expecting it to refuse to start; returns its stderr. */
async function refusesToStart(script: string, env: Record<string, string>): Promise<string> {
  try {
    await run("npx", ["tsx", "--conditions=react-server", script], { cwd: ROOT, env: { ...process.env, PORT: "3199", ...env }, timeout: 60_000 });
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    expect(failure.code).toBe(1);
    return failure.stderr ?? "";
  }
  throw new Error(`${script} started although it should have refused`);
}

describe("start-up checks", () => {
  it.each(PROCESSES)("%s refuses a bad config file, naming the file and the field", async (script) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "qw-bad-"));
    const file = path.join(dir, "bad.yaml");
    writeFileSync(file, "clusters:\n  - id: ok\n    kind: kafka\n    brokers: [\"no-port\"]\n");
    const stderr = await refusesToStart(script, { QUEUEWATCH_CONFIG: file, DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/unused" });
    expect(stderr).toContain(file);
    expect(stderr).toContain("clusters[0].brokers[0]");
    expect(stderr).toContain("host:port");
  });

  it.each(PROCESSES)("%s refuses an unmigrated database with a clear message", async (script) => {
    const name = `qw_unmigrated_${uniqueSuffix()}`;
    const url = `postgresql://postgres@127.0.0.1:5432/${name}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), "qw-cfg-"));
    writeFileSync(path.join(dir, "q.yaml"), "clusters: []\n");
    try {
      const stderr = await refusesToStart(script, { QUEUEWATCH_CONFIG: path.join(dir, "q.yaml"), DATABASE_URL: url });
      expect(stderr).toContain("is not migrated");
      expect(stderr).toContain("npm run db:migrate");
    } finally {
      const admin = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it("starts the embedded Postgres from nothing, refuses it unmigrated, then migrates it", async () => {
    const base = path.join(ROOT, ".queuewatch", `test-embedded-${uniqueSuffix()}`);
    const port = 55000 + Math.floor(Math.random() * 1000);
    let database: Awaited<ReturnType<typeof resolveDatabase>> | undefined;
    try {
      database = await resolveDatabase({ QUEUEWATCH_EMBEDDED_PG_DIR: path.join(base, "postgres"), QUEUEWATCH_EMBEDDED_PG_PORT: String(port) });
      expect(database.source).toBe("embedded");
      expect(database.url).toContain(`:${port}/`);
      await expect(assertDatabaseMigrated(database.url)).rejects.toBeInstanceOf(DatabaseNotMigratedError);
      migrateDeploy(database.url);
      await assertDatabaseMigrated(database.url);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const version = await client.query<{ server_version_num: string }>("SHOW server_version_num");
      const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
      await client.end();
      expect(Number(version.rows[0]?.server_version_num)).toBeGreaterThanOrEqual(180000);
      expect(tables.rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(["clusters", "consumer_groups", "partition_offsets", "poll_runs", "series", "samples", "rollup_1m", "rollup_1h", "rollup_state"]));
    } finally {
      await database?.stop();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
