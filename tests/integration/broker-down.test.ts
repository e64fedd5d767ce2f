// The collector marks a cluster down when its broker stops, keeps running, and brings
// the cluster back up by itself when the broker returns. The Kafka broker stopped here is
// this test's own (scripts/kafka.sh with KAFKA_INSTANCE, on its own port), never the shared
// one on 9092 that `npm run up` or other tests use; RabbitMQ is only asked with bad credentials.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PollReport } from "@/lib/collector/poll-cluster";
import { startCollector } from "@/lib/collector/run-collector";
import { loadConfig } from "@/lib/config/load-config";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { createLogger, type LogLevel } from "@/lib/log/logger";
import { TEST_DATABASE_URL, writeTestConfig } from "../support/test-config";

const ROOT = path.resolve(__dirname, "../..");
const OWN_BROKER = { KAFKA_INSTANCE: "broker-down-test", KAFKA_PORT: "9292" };

/** scripts/kafka.sh against this test's own broker only. */
function ownKafka(command: "start" | "stop" | "status"): string {
  return execFileSync("bash", [path.join(ROOT, "scripts/kafka.sh"), command], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...OWN_BROKER },
  });
}

writeTestConfig(`
pollIntervalSeconds: 1
clusters:
  - id: down-kafka
    kind: kafka
    brokers: ["127.0.0.1:${OWN_BROKER.KAFKA_PORT}"]
  - id: bad-creds-rabbit
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    username: guest
    password: definitely-wrong
`);

let db: Db;

beforeAll(() => {
  db = createPrismaClient(TEST_DATABASE_URL);
  ownKafka("start");
});

afterAll(async () => {
  // Stopped whatever happened: the broker is this file's alone.
  ownKafka("stop");
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

/** A logger that keeps its lines, to check what an operator would read. */
function capturingLogger(level: LogLevel = "info") {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level, write: (line) => lines.push(line) }) };
}

describe("collector resilience", () => {
  it("goes down with the broker's error, survives, and recovers when the broker returns", async () => {
    const reports: PollReport[] = [];
    const { lines, logger } = capturingLogger();
    const collector = await startCollector(db, loadConfig(), { logger, onPoll: (r) => reports.push(r) });
    try {
      await waitFor(reports, "down-kafka", (r) => r.ok, 30_000);

      ownKafka("stop");
      const down = await waitFor(reports, "down-kafka", (r) => !r.ok, 60_000);
      expect(down.error).toMatch(/ECONNREFUSED|Connection|connect/i);
      const row = await db.cluster.findUniqueOrThrow({ where: { id: "down-kafka" } });
      expect(row.status).toBe("down");
      expect(row.lastError).toBe(down.error);
      // The state change is logged at once, at warn, with the reason.
      expect(lines.filter((l) => / WARN {2}\[down-kafka\] down: /.test(l))).toHaveLength(1);

      ownKafka("start");
      await waitFor(reports, "down-kafka", (r) => r.ok, 90_000);
      const back = await db.cluster.findUniqueOrThrow({ where: { id: "down-kafka" } });
      expect(back.status).toBe("up");
      expect(back.lastError).toBeNull();
      expect(lines.some((l) => / INFO {2}\[down-kafka\] up again after \d+ failed poll/.test(l))).toBe(true);

      const polls = await db.pollRun.findMany({ where: { clusterId: "down-kafka" }, orderBy: { startedAt: "asc" } });
      expect(polls.some((p) => !p.ok && p.error)).toBe(true);
      expect(polls.at(-1)?.ok).toBe(true);
      // Each poll is a debug line: at info a steady cluster says nothing between summaries.
      expect(lines.filter((l) => l.includes("[down-kafka] poll ok"))).toEqual([]);
    } finally {
      await collector.stop();
    }
  });

  it("reports RabbitMQ's rejection of bad credentials as a clear error, and never logs the password", async () => {
    const reports: PollReport[] = [];
    const { lines, logger } = capturingLogger("debug");
    const collector = await startCollector(db, loadConfig(), { logger, onPoll: (r) => reports.push(r) });
    try {
      const report = await waitFor(reports, "bad-creds-rabbit", () => true, 30_000);
      expect(report.ok).toBe(false);
      expect(report.error).toContain("rejected the credentials");
      expect(report.error).toContain("401");
    } finally {
      await collector.stop();
    }
    expect(lines.some((l) => l.includes("[bad-creds-rabbit] down: ") && l.includes("rejected the credentials"))).toBe(true);
    expect(lines.join("\n")).not.toContain("definitely-wrong");
  });
});
