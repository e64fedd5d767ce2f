// `npm run token`: the command line an admin uses to make tokens for scripts, run for real.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

writeTestConfig(`clusters:\n  - {id: cli-kafka, kind: kafka, brokers: ["127.0.0.1:1"]}\n`);

const npmToken = (...args: string[]) =>
  spawnSync("npm", ["run", "token", "--", ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL }, timeout: 60_000 });
const me = (token: string) => meRoute(new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${token}` } }));

let db: Db;
beforeAll(() => {
  db = createPrismaClient(TEST_DATABASE_URL);
});
afterAll(async () => {
  await db.$disconnect();
});

describe("npm run token", () => {
  it("create prints only the token on stdout; it works as a Bearer token until revoked; both steps are audited", async () => {
    const name = `cli-${uniqueSuffix()}`;
    const created = npmToken("create", "--name", name, "--role", "operator", "--expires", "30d");
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^qw_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toContain(`created token "${name}" (operator, expires`);
    const token = created.stdout.trim();
    expect(((await (await me(token)).json()) as { me: { kind: string; name: string; role: string } }).me).toMatchObject({ kind: "token", name, role: "operator" });

    const listed = npmToken("list");
    expect(listed.stdout).toContain(name);
    expect(listed.stdout).not.toContain(token);

    const revoked = npmToken("revoke", name);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect((await me(token)).status).toBe(401);
    const audit = await db.auditEvent.findMany({ where: { target: `token:${name}` }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.result, row.actorKind])).toEqual([["token.create", "ok", "system"], ["token.revoke", "ok", "system"]]);
    expect(audit[0]?.actor).toMatch(/^system:cli /);
  }, 120_000);

  it("refuses a bad role or expiry with the reason and the usage, printing nothing on stdout", () => {
    for (const args of [["create", "--name", "x", "--role", "root"], ["create", "--name", "x", "--role", "viewer", "--expires", "forever"], ["frobnicate"]]) {
      const result = npmToken(...args);
      expect(result.status).not.toBe(0);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/usage:/);
    }
  }, 120_000);
});
