// npm run db:migrate — applies the committed Prisma migrations (prisma migrate deploy) to
// DATABASE_URL, or to the embedded Postgres when DATABASE_URL is unset.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { resolveDatabase, redactUrl } from "@/lib/db/database-url";
import { describeError } from "@/lib/util/describe-error";
import { withoutAdapterUrlNotice } from "@/lib/db/prisma-cli-output";
import { fail } from "./cli-support";

/** `prisma migrate deploy` on `url`; prints Prisma's output (without its adapter-url notice) and returns it. */
export function migrateDeploy(url: string): string {
  const prisma = path.resolve("node_modules/.bin/prisma");
  const result = spawnSync(prisma, ["migrate", "deploy"], { stdio: ["inherit", "pipe", "inherit"], encoding: "utf8", env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" } });
  const output = withoutAdapterUrlNotice(result.stdout ?? "");
  process.stdout.write(output.endsWith("\n") || output === "" ? output : `${output}\n`);
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed (exit ${result.status ?? result.signal}) on ${redactUrl(url)}`);
  return output;
}

async function main(): Promise<void> {
  const database = await resolveDatabase();
  try {
    process.stdout.write(`queuewatch: migrating ${redactUrl(database.url)} (${database.source})\n`);
    migrateDeploy(database.url);
  } finally {
    await database.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((error: unknown) => fail(describeError(error)));
}
