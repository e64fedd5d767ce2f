import { describe, expect, it } from "vitest";
import { evaluateHealth } from "./query-health";

const now = new Date("2026-12-02T16:10:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
const cluster = (id: string, lastPolledAt: string | null, pollIntervalSeconds = 10, status: "up" | "down" | "unknown" = "up") => ({ id, status, lastPolledAt, pollIntervalSeconds });

describe("evaluateHealth", () => {
  it.each([
    { name: "no clusters configured", clusters: [], status: "ok", reasons: [] },
    { name: "every cluster polled within 3 intervals", clusters: [cluster("a", ago(5)), cluster("b", ago(30))], status: "ok", reasons: [] },
    { name: "a broker that is down still counts as polled", clusters: [cluster("a", ago(5), 10, "down")], status: "ok", reasons: [] },
    { name: "just over 3 intervals", clusters: [cluster("a", ago(31))], status: "unavailable", reasons: ['cluster "a" not polled for 31 s (limit 30 s = 3 × 10 s poll interval)'] },
    { name: "per-cluster interval", clusters: [cluster("slow", ago(170), 60), cluster("fast", ago(200), 60)], status: "unavailable", reasons: ['cluster "fast" not polled for 3 min 20 s (limit 3 min = 3 × 60 s poll interval)'] },
    { name: "never polled", clusters: [cluster("new", null)], status: "unavailable", reasons: ['cluster "new" was never polled (limit 30 s = 3 × 10 s poll interval)'] },
  ])("$name", ({ clusters, status, reasons }) => {
    const health = evaluateHealth(clusters, now);
    expect(health.status).toBe(status);
    expect(health.reasons).toEqual(reasons);
    expect(health.database).toBe("ok");
    expect(health.clusters.map((c) => c.polledInTime)).toEqual(clusters.map((c) => !health.reasons.some((r) => r.includes(`"${c.id}"`))));
  });

  it("a database that does not answer is unavailable, with its error", () => {
    const health = evaluateHealth({ databaseError: "connect ECONNREFUSED 127.0.0.1:5999" }, now);
    expect(health).toMatchObject({ status: "unavailable", database: "error", reasons: ["database: connect ECONNREFUSED 127.0.0.1:5999"], clusters: [] });
  });
});
