import { describe, expect, it } from "vitest";
import { authSchema, configSchema, type ClusterConfig, type QueuewatchConfig } from "@/lib/config/schema";
import { capabilitiesOf, localServicesFor, offers, secretsOf, settingsOfKind } from "./registry";
import { CLUSTER_RESOURCES } from "./types";

const configOf = (clusters: ClusterConfig[]): QueuewatchConfig => ({ ...configSchema.parse({ clusters: [] }), clusters });
const kafka = (brokers: string[]): ClusterConfig => ({ id: "k", kind: "kafka", brokers });
const rabbit = (managementUrl: string, password = "p"): ClusterConfig => ({ id: "r", kind: "rabbitmq", managementUrl, username: "u", password });

describe("capabilities", () => {
  it("each kind offers its own resources, opens with one of them, and no resource is left without a kind", () => {
    const clusters = [kafka(["h:1"]), rabbit("http://h:15672")];
    for (const cluster of clusters) {
      const { mainView, resources } = capabilitiesOf(cluster);
      expect(resources).toContain(mainView);
      for (const resource of CLUSTER_RESOURCES) expect(offers(cluster, resource)).toBe(resources.includes(resource));
    }
    expect(new Set(clusters.flatMap((c) => capabilitiesOf(c).resources))).toEqual(new Set(CLUSTER_RESOURCES));
    expect(offers(kafka(["h:1"]), "queues")).toBe(false);
    expect(offers(rabbit("http://h:15672"), "consumer-groups")).toBe(false);
  });

  it("narrows a cluster to a kind's settings, or null for another kind", () => {
    const cluster = rabbit("http://h:15672");
    expect(settingsOfKind(cluster, "rabbitmq")).toBe(cluster);
    expect(settingsOfKind(cluster, "kafka")).toBeNull();
  });
});

describe("secretsOf", () => {
  it.each<{ name: string; clusters: ClusterConfig[]; secrets: string[] }>([
    { name: "no clusters", clusters: [], secrets: [] },
    { name: "Kafka without SASL", clusters: [kafka(["h:1"])], secrets: [] },
    { name: "Kafka with SASL", clusters: [{ id: "k", kind: "kafka", brokers: ["h:1"], sasl: { mechanism: "plain", username: "u", password: "kp" } }], secrets: ["kp"] },
    { name: "RabbitMQ, and an empty password is no secret", clusters: [rabbit("http://h:15672", "rp"), { ...rabbit("http://h:15672", ""), id: "s" }], secrets: ["rp"] },
  ])("$name", ({ clusters, secrets }) => {
    expect(secretsOf(configOf(clusters))).toEqual(secrets);
  });

  it("includes the OIDC client secret", () => {
    const oidc = { issuer: "https://idp.example", clientId: "qw", clientSecret: "oidc-s3cret" };
    const config = { ...configOf([rabbit("http://h:15672", "rp")]), auth: authSchema.parse({ publicUrl: "https://qw.example", oidc }) };
    expect(secretsOf(config)).toEqual(["rp", "oidc-s3cret"]);
  });
});

describe("localServicesFor", () => {
  it.each([
    { clusters: [], services: [] },
    { clusters: [kafka(["127.0.0.1:9092"])], services: ["kafka"] },
    { clusters: [kafka(["localhost:9092", "kafka-2.prod:9092"])], services: ["kafka"] },
    { clusters: [kafka(["kafka.prod:9092"])], services: [] },
    { clusters: [rabbit("http://127.0.0.1:15672"), kafka(["127.0.0.1:9092"])], services: ["kafka", "rabbitmq"] },
    { clusters: [rabbit("https://rabbit.example.com")], services: [] },
  ])("$clusters.length cluster(s) → $services", ({ clusters, services }) => {
    expect(localServicesFor(configOf(clusters))).toEqual(services);
  });
});
