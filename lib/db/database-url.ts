import "server-only";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres";

export const DEFAULT_EMBEDDED_DIR = path.resolve(".queuewatch/postgres");
export const DEFAULT_EMBEDDED_PORT = 54329;

export interface ResolvedDatabase {
  url: string;
  /** "external" when DATABASE_URL was given; "embedded" when Queuewatch runs its own Postgres */
  source: "external" | "embedded";
  /** stops the embedded server if this process started it; a no-op otherwise */
  stop: () => Promise<void>;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Creates the database named in the URL when the server does not have it yet. */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!name) throw new Error(`DATABASE_URL ${redactUrl(url)} names no database`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot connect to Postgres at ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await client.end();
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/**
 * DATABASE_URL set → that server (database created if missing). Unset → an embedded
 * PostgreSQL with its data in ./.queuewatch/postgres, so a newcomer needs no server.
 */
export async function resolveDatabase(env: Readonly<Record<string, string | undefined>> = process.env): Promise<ResolvedDatabase> {
  const external = env.DATABASE_URL;
  if (external) {
    await ensureDatabaseExists(external);
    return { url: external, source: "external", stop: async () => {} };
  }
  const port = Number(env.QUEUEWATCH_EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT);
  const dir = path.resolve(env.QUEUEWATCH_EMBEDDED_PG_DIR ?? DEFAULT_EMBEDDED_DIR);
  const embedded = await startEmbeddedPostgres({ dir, port });
  await ensureDatabaseExists(embedded.url);
  return { url: embedded.url, source: "embedded", stop: embedded.stop };
}
