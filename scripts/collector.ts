// npm run collector — the long-running poller (broker → collector → store), the alert evaluator and notifier,
// and the runner of dead-letter replay jobs.
import { AlertEngine } from "@/lib/alerts/alert-engine";
import { alertExternalUrl } from "@/lib/alerts/external-url";
import { hostname } from "node:os";
import { startCollector } from "@/lib/collector/run-collector";
import { ReplayRunner } from "@/lib/dlq/replay/replay-runner";
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
  const alerts = new AlertEngine(db, config, { logger, externalURL: alertExternalUrl(config, process.env) });
  await alerts.start();
  const collector = await startCollector(db, config, { logger, onPoll: (report) => alerts.onPoll(report) });
  // Replay jobs recorded on the pages or through the API; several collectors share them (each claims one at a time).
  const replays = new ReplayRunner(db, config, { logger, owner: `${hostname()}:${process.pid}` });
  replays.start();
  onShutdown(async () => {
    await replays.stop();
    await collector.stop();
    await alerts.stop();
    await db.$disconnect();
    await database.stop();
  });
}

main().catch((error: unknown) => fail(describeError(error)));
