import { describe, expect, it } from "vitest";
import { localServicesFor } from "./local-services";
import type { QueuewatchConfig } from "./schema";

const kafka = (brokers: string[]) => ({ id: "k", kind: "kafka" as const, brokers });
const rabbit = (managementUrl: string) => ({ id: "r", kind: "rabbitmq" as const, managementUrl, username: "u", password: "p" });

describe("localServicesFor", () => {
  it.each([
    { clusters: [], services: [] },
    { clusters: [kafka(["127.0.0.1:9092"])], services: ["kafka"] },
    { clusters: [kafka(["localhost:9092", "kafka-2.prod:9092"])], services: ["kafka"] },
    { clusters: [kafka(["kafka.prod:9092"])], services: [] },
    { clusters: [rabbit("http://127.0.0.1:15672"), kafka(["127.0.0.1:9092"])], services: ["kafka", "rabbitmq"] },
    { clusters: [rabbit("https://rabbit.example.com")], services: [] },
  ])("$clusters.length cluster(s) → $services", ({ clusters, services }) => {
    const config: QueuewatchConfig = { pollIntervalSeconds: 10, retention: { rawDays: 7, oneMinuteDays: 35, oneHourDays: 400 }, clusters };
    expect(localServicesFor(config)).toEqual(services);
  });
});
