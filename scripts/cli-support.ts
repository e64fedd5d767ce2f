// Shared start-up steps of the Queuewatch processes (collector, web, migrate).
import { loadConfig } from "@/lib/config/load-config";
import { ConfigError } from "@/lib/config/parse-config";
import type { QueuewatchConfig } from "@/lib/config/schema";
import { secretsOf } from "@/lib/brokers/registry";
import { describeError } from "@/lib/util/describe-error";
import { ensureFirstAdmin } from "@/lib/auth/first-admin";
import { createPrismaClient } from "@/lib/db/prisma";
import { createLogger, LogLevelError, parseLogLevel, type Logger, type LogLevel } from "@/lib/log/logger";

/** Loads the config or exits with the validation message (file, field, problem). */
export function loadConfigOrExit(): QueuewatchConfig {
  try {
    return loadConfig();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : describeError(error));
  }
}

/** LOG_LEVEL (debug|info|warn|error, default info), or exit with what is allowed. */
export function logLevelOrExit(): LogLevel {
  try {
    return parseLogLevel(process.env.LOG_LEVEL);
  } catch (error) {
    fail(error instanceof LogLevelError ? error.message : describeError(error));
  }
}

/** The process's logger at LOG_LEVEL, hiding the config's secrets. */
export function loggerFor(config: QueuewatchConfig): Logger {
  return createLogger({ level: logLevelOrExit(), secrets: secretsOf(config) });
}

export function fail(message: string): never {
  process.stderr.write(`queuewatch: ${message}\n`);
  process.exit(1);
}

export function onShutdown(handler: () => Promise<void>): void {
  let done = false;
  const run = (signal: NodeJS.Signals): void => {
    if (done) return;
    done = true;
    process.stderr.write(`queuewatch: ${signal} received, shutting down\n`);
    void handler().finally(() => process.exit(0));
  };
  process.on("SIGINT", run);
  process.on("SIGTERM", run);
}

/**
 * Creates the first admin on a store without users (lib/auth/first-admin.ts) and prints how to sign in;
 * a generated password is printed here, once, and stored only hashed.
 */
export async function ensureFirstAdminOrExit(databaseUrl: string): Promise<void> {
  const db = createPrismaClient(databaseUrl);
  try {
    const created = await ensureFirstAdmin(db, process.env, new Date());
    if (created?.generatedPassword) {
      process.stdout.write(`queuewatch: created the first admin — user "${created.username}", password ${created.generatedPassword}\nqueuewatch: (shown once; change it under Account after signing in, or set QUEUEWATCH_ADMIN_PASSWORD before the first start)\n`);
    } else if (created) {
      process.stdout.write(`queuewatch: created the first admin "${created.username}" with the password from QUEUEWATCH_ADMIN_PASSWORD\n`);
    }
  } catch (error) {
    fail(`cannot create the first admin: ${describeError(error)}`);
  } finally {
    await db.$disconnect();
  }
}
