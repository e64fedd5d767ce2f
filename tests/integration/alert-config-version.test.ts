// The evaluator re-reads rules, contact points and silences only when alertConfigVersion changes: every kind of
// change must change it, including an update committed with an older timestamp than the newest row's (the web
// process stamps updated_at before its transaction commits), and nothing else may.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertConfigVersion } from "@/lib/alerts/load-alert-config";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { TEST_DATABASE_URL, uniqueSuffix } from "../support/test-config";

let db: Db;
const suffix = uniqueSuffix();
const definition = { name: "x", metric: "kafka_group_lag", op: ">", threshold: 1 };

beforeAll(() => {
  db = createPrismaClient(TEST_DATABASE_URL);
});

afterAll(async () => {
  await db.alertRule.deleteMany({ where: { name: { startsWith: `version-${suffix}` } } });
  await db.silence.deleteMany({ where: { comment: `version-${suffix}` } });
  await db.$disconnect();
});

describe("alertConfigVersion", () => {
  it("changes on every insert, update and delete of a rule, contact point or silence, and only then", async () => {
    const versions: string[] = [await alertConfigVersion(db)];
    const expectChanged = async () => {
      const version = await alertConfigVersion(db);
      expect(version).not.toBe(versions.at(-1));
      versions.push(version);
    };
    expect(await alertConfigVersion(db)).toBe(versions[0]);

    const newest = new Date("2030-01-01T00:00:00Z");
    const older = new Date("2029-01-01T00:00:00Z");
    const a = await db.alertRule.create({ data: { name: `version-${suffix}-a`, source: "api", definition, updatedAt: newest } });
    await expectChanged();
    const b = await db.alertRule.create({ data: { name: `version-${suffix}-b`, source: "api", definition, updatedAt: older } });
    await expectChanged();
    // An update stamped before the newest row's time: neither the count nor max(updated_at) moves.
    await db.alertRule.update({ where: { id: b.id }, data: { definition: { ...definition, threshold: 2 }, updatedAt: new Date(older.getTime() + 1) } });
    await expectChanged();
    expect(await alertConfigVersion(db)).toBe(versions.at(-1));
    await db.alertRule.delete({ where: { id: a.id } });
    await expectChanged();

    const point = await db.contactPoint.create({ data: { name: `version-${suffix}`, type: "webhook", settings: {}, updatedAt: older } });
    await expectChanged();
    await db.contactPoint.delete({ where: { id: point.id } });
    await expectChanged();
    // Back to the same rows: the same version (nothing to re-read).
    expect(versions.at(-1)).toBe(versions.at(-3));

    const silence = await db.silence.create({ data: { matchers: [], startsAt: older, endsAt: newest, comment: `version-${suffix}`, createdBy: "test", updatedAt: older } });
    await expectChanged();
    await db.silence.update({ where: { id: silence.id }, data: { endsAt: older, updatedAt: new Date(older.getTime() + 5) } });
    await expectChanged();
  });
});
