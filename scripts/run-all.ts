// The quick start's last step: database (embedded unless DATABASE_URL), migrations,
// then the collector and the web app as child processes. Ctrl-C stops everything.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { describeError } from "@/lib/util/describe-error";
import { resolveDatabase, redactUrl } from "@/lib/db/database-url";
import { ensureFirstAdminOrExit, fail, loadConfigOrExit, logLevelOrExit, onShutdown } from "./cli-support";
import { migrateDeploy } from "./db-migrate";

function child(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const tsx = path.resolve("node_modules/.bin/tsx");
  return spawn(tsx, ["--conditions=react-server", script], { stdio: "inherit", env });
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  logLevelOrExit(); // a bad LOG_LEVEL stops the quick start before anything starts
  const database = await resolveDatabase();
  process.stdout.write(`queuewatch: store ${redactUrl(database.url)} (${database.source})\n`);
  migrateDeploy(database.url);
  await ensureFirstAdminOrExit(database.url);
  const env = { ...process.env, DATABASE_URL: database.url };
  const children = [child("scripts/collector.ts", env), child("scripts/start-web.ts", env)];
  process.stdout.write(`queuewatch: ${config.clusters.length} cluster(s); open http://127.0.0.1:${process.env.PORT ?? "3000"} (Ctrl-C stops)\n`);
  let stopping = false;
  for (const c of children) {
    c.on("exit", (code) => {
      if (stopping) return;
      process.stderr.write(`queuewatch: a child process exited (${code}); stopping\n`);
      process.kill(process.pid, "SIGTERM");
    });
  }
  onShutdown(async () => {
    stopping = true;
    await Promise.all(children.map((c) => new Promise((resolve) => {
      if (c.exitCode !== null) return resolve(null);
      c.once("exit", resolve);
      c.kill("SIGTERM");
    })));
    await database.stop();
  });
}

main().catch((error: unknown) => fail(describeError(error)));
