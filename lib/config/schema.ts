import { z } from "zod";

// Cluster ids appear in URLs and API paths: keep them to a safe slug.
const clusterId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a slug: lowercase letters, digits and '-', starting with a letter or digit");

const pollInterval = z.number().int().min(1).max(3600);

const tlsFiles = z.strictObject({
  ca: z.string().min(1).optional(),
  cert: z.string().min(1).optional(),
  key: z.string().min(1).optional(),
  rejectUnauthorized: z.boolean().optional(),
});

const sasl = z.strictObject({
  mechanism: z.enum(["plain", "scram-sha-256", "scram-sha-512"]),
  username: z.string().min(1),
  password: z.string(),
});

const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, "must be host:port");

export const kafkaClusterSchema = z.strictObject({
  id: clusterId,
  name: z.string().min(1).optional(),
  kind: z.literal("kafka"),
  brokers: z.array(hostPort).min(1, "needs at least one broker"),
  ssl: z.union([z.boolean(), tlsFiles]).optional(),
  sasl: sasl.optional(),
  pollIntervalSeconds: pollInterval.optional(),
  /** Upper bound on concurrent OffsetFetch requests per poll. */
  offsetFetchConcurrency: z.number().int().min(1).max(64).optional(),
});

export const rabbitmqClusterSchema = z.strictObject({
  id: clusterId,
  name: z.string().min(1).optional(),
  kind: z.literal("rabbitmq"),
  managementUrl: z.url({ protocol: /^https?$/ }),
  amqpUrl: z.string().regex(/^amqps?:\/\//, "must start with amqp:// or amqps://").optional(),
  username: z.string().min(1),
  password: z.string(),
  pollIntervalSeconds: pollInterval.optional(),
  /**
   * The rabbitmq_prometheus plugin's base URL (its /metrics/detailed endpoint gives depth, consumers and
   * counters ~25× cheaper than the management API). Default: the management host on port 15692;
   * false: never use it (management API only).
   */
  prometheusUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal(false)]).optional(),
  /** How often (default 60 s) slow-changing things (queue arguments and policies, exchanges, bindings, node health) are re-read. */
  managementIntervalSeconds: z.number().int().min(1).max(3600).optional(),
  /** "Queue has no consumers": ready > 0 with 0 consumers for at least this long (default 300 s). */
  noConsumersAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  /** "Queue is growing": depth trend over this window (default 600 s). */
  growthWindowSeconds: z.number().int().min(60).max(86_400).optional(),
});

export const clusterSchema = z.discriminatedUnion("kind", [kafkaClusterSchema, rabbitmqClusterSchema]);

const retentionDays = (fallback: number) => z.number().int().min(1).max(3650).default(fallback);

/** How long each tier of the series store keeps data, in days. */
export const retentionSchema = z.strictObject({
  rawDays: retentionDays(7),
  oneMinuteDays: retentionDays(35),
  oneHourDays: retentionDays(400),
});

export const configSchema = z
  .strictObject({
    pollIntervalSeconds: pollInterval.default(10),
    retention: retentionSchema.default({ rawDays: 7, oneMinuteDays: 35, oneHourDays: 400 }),
    clusters: z.array(clusterSchema).default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.clusters.forEach((cluster, index) => {
      if (seen.has(cluster.id)) {
        ctx.addIssue({ code: "custom", path: ["clusters", index, "id"], message: `duplicate cluster id "${cluster.id}"` });
      }
      seen.add(cluster.id);
    });
  });

export type QueuewatchConfig = z.infer<typeof configSchema>;
export type ClusterConfig = z.infer<typeof clusterSchema>;
export type KafkaClusterConfig = z.infer<typeof kafkaClusterSchema>;
export type RabbitmqClusterConfig = z.infer<typeof rabbitmqClusterSchema>;
export type ClusterKind = ClusterConfig["kind"];
