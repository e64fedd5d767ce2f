// npm run token -- create --name NAME --role viewer|operator|admin [--expires 30d]
//   prints only the token on stdout (e.g. TOKEN=$(npm run --silent token -- create …));
// npm run token -- list
// npm run token -- revoke <id or name>
// Every change is written with its audit row in one transaction (actor "system:cli <OS user>").
import { isUuid } from "@/lib/util/uuid";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { describeInputIssues } from "@/lib/api/input-issues";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertDatabaseMigrated } from "@/lib/db/check-migrations";
import { resolveDatabase } from "@/lib/db/database-url";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { issueToken } from "@/lib/tokens/issue-token";
import { listTokens } from "@/lib/tokens/list-tokens";
import { revokeTokenById } from "@/lib/tokens/revoke-token";
import { createTokenInput } from "@/lib/tokens/token-input";
import { describeError } from "@/lib/util/describe-error";
import { fail } from "./cli-support";

const USAGE = `usage:
  npm run token -- create --name NAME --role viewer|operator|admin [--expires 30d|12h|2w]
  npm run token -- list
  npm run token -- revoke <token id or name>`;

const actor = `system:cli ${os.userInfo().username}`;

async function create(db: Db, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { name: { type: "string" }, role: { type: "string" }, expires: { type: "string" } }, strict: true });
  const input = createTokenInput.safeParse({ name: values.name, role: values.role, expires: values.expires ?? null });
  if (!input.success) fail(`token create: ${describeInputIssues(input.error)}\n${USAGE}`);
  const now = new Date();
  const created = await db.$transaction(async (tx) => {
    const result = await issueToken(tx, input.data, actor, now);
    await recordAudit(tx, { at: now, actor, actorKind: "system", action: "token.create", target: `token:${result.token.name}`, after: result.token, result: "ok" });
    return result;
  });
  process.stdout.write(`${created.secret}\n`);
  process.stderr.write(`queuewatch: created token "${created.token.name}" (${created.token.role}${created.token.expiresAt ? `, expires ${created.token.expiresAt}` : ", never expires"}); send it as "Authorization: Bearer <token>"\n`);
}

async function list(db: Db): Promise<void> {
  const tokens = await listTokens(db);
  if (tokens.length === 0) process.stdout.write("no API tokens\n");
  for (const t of tokens) {
    const status = t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt && Date.parse(t.expiresAt) <= Date.now() ? `expired ${t.expiresAt}` : "active";
    process.stdout.write(`${t.id}  ${t.prefix}…  ${t.role.padEnd(8)}  ${t.name}  (${status}; last used ${t.lastUsedAt ?? "never"}; by ${t.createdBy})\n`);
  }
}

async function revoke(db: Db, args: string[]): Promise<void> {
  const which = args[0];
  if (!which || args.length > 1) fail(USAGE);
  const matches = await db.apiToken.findMany({ where: isUuid(which) ? { id: which } : { name: which, revokedAt: null } });
  if (matches.length === 0) fail(`no active token with id or name "${which}"`);
  if (matches.length > 1) fail(`${matches.length} active tokens are named "${which}": revoke by id (npm run token -- list)`);
  const now = new Date();
  const tokenId = matches[0]?.id ?? "";
  const outcome = await db.$transaction(async (tx) => {
    const result = await revokeTokenById(tx, tokenId, now);
    await recordAudit(tx, { at: now, actor, actorKind: "system", action: "token.revoke", target: result.target, before: result.before, after: result.after, result: "ok" });
    return result;
  });
  process.stderr.write(`queuewatch: revoked ${outcome.target}\n`);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== "create" && command !== "list" && command !== "revoke") fail(USAGE);
  const database = await resolveDatabase();
  const db = createPrismaClient(database.url);
  try {
    await assertDatabaseMigrated(database.url);
    if (command === "create") await create(db, args);
    else if (command === "list") await list(db);
    else await revoke(db, args);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((error: unknown) => fail(describeError(error)));
}
