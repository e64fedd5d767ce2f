// The collector marks a cluster down when its broker stops, keeps running, and brings
// the cluster back up by itself when the broker returns. Uses the real Kafka broker
// (stopped and restarted through scripts/kafka.sh) and a real RabbitMQ with bad credentials.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PollReport } from "@/lib/collector/poll-cluster";
import { startCollector } from "@/lib/collector/run-collector";
import { loadConfig } from "@/lib/config/load-config";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { KAFKA_BROKER, kafkaScript } from "../support/kafka-fixtures";
import { TEST_DATABASE_URL, writeTestConfig } from "../support/test-config";

writeTestConfig(`
pollIntervalSeconds: 1
clusters:
  - id: down-kafka
    kind: kafka
    brokers: ["${KAFKA_BROKER}"]
  - id: bad-creds-rabbit
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    username: guest
    password: definitely-wrong
`);

let db: Db;

beforeAll(() => {
  db = createPrismaClient(TEST_DATABASE_URL);
});

afterAll(async () => {
  // Never leave the shared broker stopped, even when an assertion failed.
  kafkaScript("start");
  await db.$disconnect();
});

/** Waits for a poll report that arrives after this call and matches. */
async function waitFor(reports: PollReport[], clusterId: string, predicate: (r: PollReport) => boolean, timeoutMs: number): Promise<PollReport> {
  const deadline = Date.now() + timeoutMs;
  const start = reports.length;
  while (Date.now() < deadline) {
    const match = reports.slice(start).find((r) => r.clusterId === clusterId && predicate(r));
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no matching poll of ${clusterId} within ${timeoutMs} ms; last: ${JSON.stringify(reports.filter((r) => r.clusterId === clusterId).slice(-3))}`);
}

describe("collector resilience", () => {
  it("goes down with the broker's error, survives, and recovers when the broker returns", async () => {
    const reports: PollReport[] = [];
    const collector = await startCollector(db, loadConfig(), { log: () => {}, onPoll: (r) => reports.push(r) });
    try {
      await waitFor(reports, "down-kafka", (r) => r.ok, 30_000);

      kafkaScript("stop");
      const down = await waitFor(reports, "down-kafka", (r) => !r.ok, 60_000);
      expect(down.error).toMatch(/ECONNREFUSED|Connection|connect/i);
      const row = await db.cluster.findUniqueOrThrow({ where: { id: "down-kafka" } });
      expect(row.status).toBe("down");
      expect(row.lastError).toBe(down.error);

      kafkaScript("start");
      await waitFor(reports, "down-kafka", (r) => r.ok, 90_000);
      const back = await db.cluster.findUniqueOrThrow({ where: { id: "down-kafka" } });
      expect(back.status).toBe("up");
      expect(back.lastError).toBeNull();

      const polls = await db.pollRun.findMany({ where: { clusterId: "down-kafka" }, orderBy: { startedAt: "asc" } });
      expect(polls.some((p) => !p.ok && p.error)).toBe(true);
      expect(polls.at(-1)?.ok).toBe(true);
    } finally {
      await collector.stop();
    }
  });

  it("reports RabbitMQ's rejection of bad credentials as a clear error", async () => {
    const reports: PollReport[] = [];
    const collector = await startCollector(db, loadConfig(), { log: () => {}, onPoll: (r) => reports.push(r) });
    try {
      const report = await waitFor(reports, "bad-creds-rabbit", () => true, 30_000);
      expect(report.ok).toBe(false);
      expect(report.error).toContain("rejected the credentials");
      expect(report.error).toContain("401");
    } finally {
      await collector.stop();
    }
  });
});
