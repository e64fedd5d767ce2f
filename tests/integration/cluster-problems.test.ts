import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getClusters } from "@/app/api/v1/clusters/route";
import { describeClusterProblem } from "@/components/ui/states";
import type { ClusterDto } from "@/lib/api/types";
import { createPoller } from "@/lib/brokers/registry";
import { storeSink } from "@/lib/store/poll-sink";
import { pollCluster, type PollReport } from "@/lib/collector/poll-cluster";
import { loadConfig } from "@/lib/config/load-config";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { body, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

// The empty/error states of the pages, fed by real failed polls: wrong RabbitMQ credentials against the
// real broker, and a Kafka cluster whose only broker address has nothing listening.
const suffix = uniqueSuffix();
const rabbitId = `it-problem-rabbit-${suffix}`;
const kafkaId = `it-problem-kafka-${suffix}`;
writeTestConfig(`
pollIntervalSeconds: 5
clusters:
  - id: ${rabbitId}
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    username: guest
    password: not-the-password
  - id: ${kafkaId}
    kind: kafka
    brokers: ["127.0.0.1:1"]
`);

let db: Db;

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  await syncClusters(db, loadConfig().clusters);
});

afterAll(async () => {
  await db?.$disconnect();
});

async function clusterDto(id: string): Promise<ClusterDto> {
  const { clusters } = await body<{ clusters: ClusterDto[] }>(await getClusters(req("/api/v1/clusters")));
  const cluster = clusters.find((c) => c.id === id);
  if (!cluster) throw new Error(`no cluster ${id} in GET /api/v1/clusters`);
  return cluster;
}

async function pollOnce(id: string): Promise<PollReport> {
  const cluster = loadConfig().clusters.find((c) => c.id === id);
  if (!cluster) throw new Error(`no cluster ${id} in the config`);
  const poller = createPoller(cluster);
  try {
    return await pollCluster(id, poller, storeSink(db, new StoreWriter()));
  } finally {
    await poller.close();
  }
}

describe("cluster problems shown instead of empty lists", () => {
  it("a cluster not polled yet is 'not reached yet', not 'no queues'", async () => {
    const problem = describeClusterProblem(await clusterDto(rabbitId));
    expect(problem?.title).toBe("Not reached yet");
  });

  it("wrong RabbitMQ credentials: the broker's 401 and how to fix it, not 'no node health yet'", async () => {
    const report = await pollOnce(rabbitId);
    expect(report.ok).toBe(false);
    const cluster = await clusterDto(rabbitId);
    expect(cluster.stale).toBe(true);
    const problem = describeClusterProblem(cluster);
    expect(problem?.title).toBe("The broker rejected Queuewatch's credentials");
    expect(problem?.detail).toContain("(401)");
    expect(problem?.fix).toMatch(/username and password/);
  });

  it("Kafka brokers never reached: 'cannot reach the brokers' with the client's error, not 'no topics'", async () => {
    const report = await pollOnce(kafkaId);
    expect(report.ok).toBe(false);
    const cluster = await clusterDto(kafkaId);
    expect(cluster.lastSuccessAt).toBeNull();
    const problem = describeClusterProblem(cluster);
    expect(problem?.title).toBe("Cannot reach the brokers (never reached)");
    expect(problem?.detail).toBe(report.error);
    expect(problem?.fix).toMatch(/brokers listed for this cluster/);
  });
});
