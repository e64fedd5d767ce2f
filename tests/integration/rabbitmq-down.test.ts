// A RabbitMQ node that stops: the cluster is down with the reason, then up again by itself
// when the node returns. The node stopped here is this test's own (scripts/rabbitmq.sh with
// RABBITMQ_INSTANCE: node qw-rabbitmq-down-test@localhost, its own ports, data in a temporary
// directory), never the machine's node that `npm run up` and the other tests use.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsOfKind } from "@/lib/brokers/registry";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { loadConfig } from "@/lib/config/load-config";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { RabbitmqAdapter } from "@/lib/rabbitmq/rabbitmq-adapter";
import { queueTrackerFor, RabbitmqPoller } from "@/lib/rabbitmq/rabbitmq-poller";
import { storeSink } from "@/lib/store/poll-sink";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { TEST_DATABASE_URL, writeTestConfig } from "../support/test-config";

const ROOT = path.resolve(__dirname, "../..");
const OWN_NODE = { RABBITMQ_INSTANCE: "rabbitmq-down-test", RABBITMQ_NODE_PORT: "5782" };
const MANAGEMENT_URL = "http://127.0.0.1:15782"; // RABBITMQ_NODE_PORT + 10000
const PROMETHEUS_URL = "http://127.0.0.1:15802"; // RABBITMQ_NODE_PORT + 10020

/** scripts/rabbitmq.sh against this test's own node only. */
function ownNode(...args: string[]): string {
  return execFileSync("bash", [path.join(ROOT, "scripts/rabbitmq.sh"), ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...OWN_NODE },
  });
}

writeTestConfig(`
pollIntervalSeconds: 5
clusters:
  - id: it-rabbit-down
    kind: rabbitmq
    managementUrl: ${MANAGEMENT_URL}
    prometheusUrl: ${PROMETHEUS_URL}
    username: guest
    password: guest
    managementIntervalSeconds: 1
`);

let db: Db;
let config: RabbitmqClusterConfig;
const store = new StoreWriter();

beforeAll(async () => {
  ownNode("start");
  db = createPrismaClient(TEST_DATABASE_URL);
  const loaded = loadConfig();
  await syncClusters(db, loaded.clusters);
  const first = loaded.clusters[0];
  const cluster = first && settingsOfKind(first, "rabbitmq");
  if (!cluster) throw new Error("expected the RabbitMQ test cluster");
  config = cluster;
});

afterAll(async () => {
  // Stopped and deleted whatever happened: the node is this file's alone.
  ownNode("stop");
  await db?.$disconnect();
});

describe("a RabbitMQ node that stops", () => {
  it("a stopped node: down with the reason, then up again when it returns", async () => {
    const adapter = new RabbitmqAdapter(config);
    const tracker = queueTrackerFor(config);
    const poll = () => pollCluster("it-rabbit-down", new RabbitmqPoller(adapter, tracker), storeSink(db, store));
    const shared = execFileSync("rabbitmq-diagnostics", ["-q", "check_running"], { encoding: "utf8" });
    try {
      const up = await poll();
      expect(up.error).toBeNull();
      expect((await db.cluster.findUniqueOrThrow({ where: { id: "it-rabbit-down" } })).status).toBe("up");

      ownNode("ctl", "-q", "stop_app");
      const down = await poll();
      expect(down.ok).toBe(false);
      expect(down.error).toMatch(/cannot reach the RabbitMQ management API at http:\/\/127\.0\.0\.1:15782/);
      const row = await db.cluster.findUniqueOrThrow({ where: { id: "it-rabbit-down" } });
      expect(row.status).toBe("down");
      expect(row.lastError).toBe(down.error);
    } finally {
      ownNode("ctl", "-q", "start_app");
    }
    await expect.poll(async () => (await poll()).ok, { timeout: 60_000, interval: 1_000 }).toBe(true);
    expect((await db.cluster.findUniqueOrThrow({ where: { id: "it-rabbit-down" } })).status).toBe("up");
    // The machine's node ran throughout.
    expect(execFileSync("rabbitmq-diagnostics", ["-q", "check_running"], { encoding: "utf8" })).toBe(shared);
  });
});
