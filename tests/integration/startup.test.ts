// Start-up guards of the real processes: a bad config file (every problem at once), an empty
// one, a bad LOG_LEVEL and an unmigrated database stop start-up with a clear message; the
// embedded Postgres starts from nothing and migrates without Prisma's datasource-url notice.
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
import { verifyPassword } from "@/lib/auth/credentials";
import { ensureFirstAdmin } from "@/lib/auth/first-admin";
import { createPrismaClient } from "@/lib/db/prisma";
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

  it.each(PROCESSES)("%s reports every config problem at once, with hints", async (script) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "qw-bad-"));
    const file = path.join(dir, "bad.yaml");
    writeFileSync(file, [
      "pollIntervalSecond: 5",
      "clusters:",
      "  - {id: r, kind: rabbitmq, managementUrl: '127.0.0.1:15672', username: guest, password: '${QW_UNSET_SECRET}'}",
      "  - {id: k, kind: kafak, brokers: ['h:1']}",
      "  - {id: k2, kind: kafka, brokers: [nohost]}",
      "",
    ].join("\n"));
    const env: Record<string, string> = { QUEUEWATCH_CONFIG: file, DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/unused" };
    const stderr = await refusesToStart(script, env);
    expect(stderr.trim().split("\n")).toEqual([
      `queuewatch: ${file}: invalid configuration:`,
      "  - clusters[0].password: environment variable QW_UNSET_SECRET is not set",
      "  - pollIntervalSecond: unknown key; did you mean `pollIntervalSeconds`?",
      "  - clusters[0].managementUrl: must be a URL with a scheme, e.g. http://127.0.0.1:15672",
      "  - clusters[1].kind: must be one of kafka, rabbitmq; did you mean `kafka`?",
      "  - clusters[2].brokers[0]: must be host:port",
    ]);
  });

  it.each(PROCESSES)("%s refuses an empty config file, showing an example", async (script) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "qw-empty-"));
    const file = path.join(dir, "empty.yaml");
    writeFileSync(file, "");
    const stderr = await refusesToStart(script, { QUEUEWATCH_CONFIG: file, DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/unused" });
    expect(stderr).toContain(`${file}: the configuration is empty`);
    expect(stderr).toContain("brokers: [\"127.0.0.1:9092\"]");
  });

  it.each(PROCESSES)("%s refuses a bad LOG_LEVEL", async (script) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "qw-cfg-"));
    writeFileSync(path.join(dir, "q.yaml"), "clusters:\n  - {id: k, kind: kafka, brokers: ['127.0.0.1:9092']}\n");
    const stderr = await refusesToStart(script, { QUEUEWATCH_CONFIG: path.join(dir, "q.yaml"), DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/unused", LOG_LEVEL: "verbose" });
    expect(stderr.trim()).toBe('queuewatch: LOG_LEVEL "verbose" is not one of debug, info, warn, error (default info)');
  });

  it.each(PROCESSES)("%s refuses an unmigrated database with a clear message", async (script) => {
    const name = `qw_unmigrated_${uniqueSuffix()}`;
    const url = `postgresql://postgres@127.0.0.1:5432/${name}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), "qw-cfg-"));
    writeFileSync(path.join(dir, "q.yaml"), "clusters:\n  - {id: k, kind: kafka, brokers: ['127.0.0.1:9092']}\n");
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
      const output = migrateDeploy(database.url);
      expect(output).toContain("migrations found in prisma/migrations");
      // Prisma 6's "datasource properties ... will NOT be used" notice is not shown (see prisma/schema.prisma).
      expect(output).not.toMatch(/WARNING|will NOT be used/);
      await assertDatabaseMigrated(database.url);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const version = await client.query<{ server_version_num: string }>("SHOW server_version_num");
      const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
      await client.end();
      expect(Number(version.rows[0]?.server_version_num)).toBeGreaterThanOrEqual(180000);
      expect(tables.rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(["clusters", "consumer_groups", "partition_offsets", "poll_runs", "series", "samples", "rollup_1m", "rollup_1h", "rollup_state", "users", "sessions", "api_tokens", "audit_events"]));

      // The first admin: created once even by two processes starting together, with a generated password when none is given.
      const db = createPrismaClient(database.url);
      try {
        await expect(ensureFirstAdmin(db, { QUEUEWATCH_ADMIN_PASSWORD: "short" }, new Date())).rejects.toThrow(/at least 12 characters/);
        const [a, b] = await Promise.all([ensureFirstAdmin(db, {}, new Date()), ensureFirstAdmin(db, {}, new Date())]);
        const created = a ?? b;
        expect([a, b].filter((x) => x !== null)).toHaveLength(1);
        expect(created?.username).toBe("admin");
        expect(created?.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
        const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
        expect(admin.role).toBe("admin");
        expect(await verifyPassword(admin.passwordHash, created?.generatedPassword ?? "")).toBe(true);
        expect(admin.passwordHash).not.toContain(created?.generatedPassword ?? "-");
        expect(await ensureFirstAdmin(db, { QUEUEWATCH_ADMIN_PASSWORD: "another long password" }, new Date())).toBeNull();
        expect(await db.auditEvent.count({ where: { action: "user.create-first-admin" } })).toBe(1);
      } finally {
        await db.$disconnect();
      }
    } finally {
      await database?.stop();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
