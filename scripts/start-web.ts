// npm start — serves the built web app (honours PORT). Checks config and database first,
// so a bad file or an unmigrated database stops start-up with a clear message.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describeError } from "@/lib/util/describe-error";
import { assertDatabaseMigrated } from "@/lib/db/check-migrations";
import { resolveDatabase } from "@/lib/db/database-url";
import { ensureFirstAdminOrExit, fail, loadConfigOrExit, loggerFor, onShutdown } from "./cli-support";

async function main(): Promise<void> {
  const logger = loggerFor(loadConfigOrExit());
  const database = await resolveDatabase();
  await assertDatabaseMigrated(database.url);
  await ensureFirstAdminOrExit(database.url);
  if (!existsSync(path.resolve(".next/BUILD_ID"))) fail("no production build found: run `npm run build` first");
  const port = process.env.PORT ?? "3000";
  const hostname = process.env.HOSTNAME_BIND ?? "127.0.0.1";
  const next = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", port, "-H", hostname], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" },
  });
  logger.info(`web: http://${hostname}:${port}`);
  next.on("exit", (code) => {
    void database.stop().finally(() => process.exit(code ?? 1));
  });
  onShutdown(async () => {
    next.kill("SIGTERM");
    await new Promise((resolve) => next.once("exit", resolve));
    await database.stop();
  });
}

main().catch((error: unknown) => fail(describeError(error)));
