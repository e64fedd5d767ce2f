import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { redactUrl } from "./database-url";

export class DatabaseNotMigratedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseNotMigratedError";
  }
}

export function committedMigrations(dir = path.resolve("prisma/migrations")): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Pure: which committed migrations are not applied yet. */
export function pendingMigrations(committed: readonly string[], applied: readonly string[]): string[] {
  const done = new Set(applied);
  return committed.filter((name) => !done.has(name));
}

/** Refuses to run against a database that lacks any committed migration. */
export async function assertDatabaseMigrated(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const table = await client.query<{ exists: boolean }>("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS exists");
    const applied = table.rows[0]?.exists
      ? (await client.query<{ migration_name: string }>(
          "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
        )).rows.map((row) => row.migration_name)
      : [];
    const pending = pendingMigrations(committedMigrations(), applied);
    if (pending.length > 0) {
      throw new DatabaseNotMigratedError(
        `database ${redactUrl(url)} is not migrated: ${pending.length} pending migration(s) (${pending.join(", ")}). Run \`npm run db:migrate\` first.`,
      );
    }
  } finally {
    await client.end();
  }
}
