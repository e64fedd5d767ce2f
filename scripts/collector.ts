// npm run collector — the long-running poller (broker → collector → store).
import { startCollector } from "@/lib/collector/run-collector";
import { describeError } from "@/lib/util/describe-error";
import { assertDatabaseMigrated } from "@/lib/db/check-migrations";
import { resolveDatabase, redactUrl } from "@/lib/db/database-url";
import { createPrismaClient } from "@/lib/db/prisma";
import { fail, loadConfigOrExit, loggerFor, onShutdown } from "./cli-support";

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = loggerFor(config);
  const database = await resolveDatabase();
  await assertDatabaseMigrated(database.url);
  const db = createPrismaClient(database.url);
  logger.info(`collector: ${config.clusters.length} cluster(s), store ${redactUrl(database.url)}`);
  const collector = await startCollector(db, config, { logger });
  onShutdown(async () => {
    await collector.stop();
    await db.$disconnect();
    await database.stop();
  });
}

main().catch((error: unknown) => fail(describeError(error)));
