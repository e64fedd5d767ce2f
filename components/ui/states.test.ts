import { describe, expect, it } from "vitest";
import { KAFKA_CAPABILITIES } from "@/lib/kafka/capabilities";
import { RABBITMQ_CAPABILITIES } from "@/lib/rabbitmq/capabilities";
import { describeClusterProblem, type ClusterFacts } from "./states";

const base: ClusterFacts = { capabilities: KAFKA_CAPABILITIES, lastPolledAt: "2026-12-02T15:00:00Z", lastError: null, lastSuccessAt: "2026-12-02T15:00:00Z" };

describe("describeClusterProblem", () => {
  it("says nothing for a cluster whose latest poll succeeded", () => {
    expect(describeClusterProblem(base)).toBeNull();
  });

  it.each([
    [{ ...base, lastPolledAt: null, lastSuccessAt: null }, "Not reached yet", /collector/],
    [{ ...base, lastError: "Connection error: connect ECONNREFUSED 127.0.0.1:9999", lastSuccessAt: null }, "Cannot reach the brokers (never reached)", /brokers listed/],
    [{ ...base, lastError: "Connection error: connect ECONNREFUSED 127.0.0.1:9092" }, "Cannot reach the brokers", /brokers listed/],
    [{ ...base, capabilities: RABBITMQ_CAPABILITIES, lastError: "fetch failed" }, "Cannot reach the RabbitMQ management API", /managementUrl/],
    [{ ...base, capabilities: RABBITMQ_CAPABILITIES, lastError: `the RabbitMQ management API at http://127.0.0.1:15672 rejected the credentials of user "nobody" (401)`, lastSuccessAt: null },
      "The broker rejected Queuewatch's credentials", /username and password .*monitoring/],
  ] as const)("%#: %s", (cluster, title, fix) => {
    const problem = describeClusterProblem(cluster);
    expect(problem?.title).toBe(title);
    expect(problem?.fix).toMatch(fix);
    expect(problem?.detail).toBe(cluster.lastError);
  });
});
