import { z } from "zod";
import { contactPointSchema } from "@/lib/alerts/contact-point-schema";
import { ruleInputSchema } from "@/lib/alerts/rule-schema";
import { DEAD_LETTERS_DEFAULTS, deadLetterCaptureSchema, deadLettersConfigSchema, deadLetterTopicPatternsSchema } from "@/lib/dlq/dead-letter-config";

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

/**
 * A URL with one of `schemes`. A value without any scheme (`127.0.0.1:15672`) gets the fix
 * in the message: "must be a URL with a scheme, e.g. http://127.0.0.1:15672".
 */
function urlWith(schemes: readonly [string, ...string[]]) {
  const allowed = schemes.map((scheme) => `${scheme}://`).join(" or ");
  return z.string().superRefine((value, ctx) => {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
    if (scheme === undefined) {
      ctx.addIssue({ code: "custom", message: `must be a URL with a scheme, e.g. ${schemes[0]}://${value.replace(/^\/+/, "")}` });
    } else if (!schemes.includes(scheme)) {
      ctx.addIssue({ code: "custom", message: `must start with ${allowed}` });
    } else if (!URL.canParse(value)) {
      ctx.addIssue({ code: "custom", message: `is not a valid URL` });
    }
  });
}

const httpUrl = urlWith(["http", "https"]);

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
  /** Dead-letter topics by name: {topic} is the source topic, * anything (default: lib/dlq/dead-letter-topics.ts). */
  deadLetterTopics: deadLetterTopicPatternsSchema.optional(),
});

export const rabbitmqClusterSchema = z.strictObject({
  id: clusterId,
  name: z.string().min(1).optional(),
  kind: z.literal("rabbitmq"),
  managementUrl: httpUrl,
  amqpUrl: urlWith(["amqp", "amqps"]).optional(),
  username: z.string().min(1),
  password: z.string(),
  pollIntervalSeconds: pollInterval.optional(),
  /**
   * The rabbitmq_prometheus plugin's base URL (its /metrics/detailed endpoint gives depth, consumers and
   * counters ~25× cheaper than the management API). Default: the management host on port 15692;
   * false: never use it (management API only).
   */
  prometheusUrl: z.union([httpUrl, z.literal(false)]).optional(),
  /** How often (default 60 s) slow-changing things (queue arguments and policies, exchanges, bindings, node health) are re-read. */
  managementIntervalSeconds: z.number().int().min(1).max(3600).optional(),
  /** "Queue has no consumers": ready > 0 with 0 consumers for at least this long (default 300 s). */
  noConsumersAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  /** "Queue is growing": depth trend over this window (default 600 s). */
  growthWindowSeconds: z.number().int().min(60).max(86_400).optional(),
  /**
   * Dead-letter queues in capture mode: the collector moves their messages into Queuewatch's store (each
   * acknowledged once stored) to browse and replay them there — how quorum DLQs are browsed, since reading one
   * and putting the messages back spends their delivery budget. "name" (vhost "/"), "vhost/name", * = anything.
   */
  deadLetterCapture: deadLetterCaptureSchema.optional(),
});

export const clusterSchema = z.discriminatedUnion("kind", [kafkaClusterSchema, rabbitmqClusterSchema]);

/** Each kind's schema, by kind: a cluster is checked against its own kind's schema only. */
export const clusterSchemaByKind = { kafka: kafkaClusterSchema, rabbitmq: rabbitmqClusterSchema } as const;
export const CLUSTER_KINDS = Object.keys(clusterSchemaByKind) as (keyof typeof clusterSchemaByKind)[];

/** What every cluster has whatever its kind, checked even when the kind is wrong. */
export const clusterCommonSchema = z.object({
  id: clusterId,
  name: z.string().min(1).optional(),
  pollIntervalSeconds: pollInterval.optional(),
});

const retentionDays = (fallback: number) => z.number().int().min(1).max(3650).default(fallback);

/** How long each tier of the series store keeps data, in days. */
export const retentionSchema = z.strictObject({
  rawDays: retentionDays(7),
  oneMinuteDays: retentionDays(35),
  oneHourDays: retentionDays(400),
});

/** A role a user, token or OIDC claim can have (lib/auth/roles.ts says what each may do). */
export const roleSchema = z.enum(["viewer", "operator", "admin"]);

/** Login through an OpenID Connect provider (authorization code + PKCE). */
export const oidcSchema = z.strictObject({
  issuer: httpUrl,
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** the claim (ID token or userinfo) holding the user's groups or roles: a string or an array of strings */
  roleClaim: z.string().min(1).default("groups"),
  /** claim value → Queuewatch role; the highest matching role wins */
  roleMapping: z.record(z.string().min(1), roleSchema).default({}),
  /** role for a user whose claim matches nothing; unset: such a login is refused */
  defaultRole: roleSchema.optional(),
  /** the claim used as the Queuewatch user name (default preferred_username, then email, then sub) */
  usernameClaim: z.string().min(1).optional(),
  scopes: z.array(z.string().min(1)).default(["openid", "profile", "email"]),
  /** the login button's text */
  label: z.string().min(1).max(60).default("Sign in with SSO"),
  /** allow an http:// issuer (tests, a provider on loopback); never in production */
  allowInsecureHttp: z.boolean().default(false),
});

export const authSchema = z
  .strictObject({
  /** what a visitor without a session or token may do: nothing (default) or read like a viewer */
  anonymousRole: z.enum(["none", "viewer"]).default("none"),
  /**
   * The URL users open Queuewatch at (e.g. https://queuewatch.example.com). Used for the CSRF origin
   * check, OIDC redirects and the Secure cookie flag; default: the request's own Host.
   */
  publicUrl: httpUrl.optional(),
  /** a session ends after this long without a request… */
  sessionIdleMinutes: z.number().int().min(5).max(43_200).default(720),
  /** …and after this long in any case */
  sessionMaxHours: z.number().int().min(1).max(8_760).default(168),
  oidc: oidcSchema.optional(),
})
  // The OIDC redirect URI is built from the public URL: never from request headers a client could forge.
  .refine((auth) => auth.oidc === undefined || auth.publicUrl !== undefined, { path: ["publicUrl"], message: "is required with oidc: the redirect URI registered at the provider is <publicUrl>/api/auth/oidc/callback" });

const AUTH_DEFAULTS = { anonymousRole: "none", sessionIdleMinutes: 720, sessionMaxHours: 168 } as const;

/** Alert rules and contact points kept in git (shown read-only on pages; rules made on pages live in the store). */
export const alertsConfigSchema = z
  .strictObject({
    rules: z.array(ruleInputSchema).default([]),
    contactPoints: z.array(contactPointSchema).default([]),
  })
  .superRefine((alerts, ctx) => {
    const duplicates = (names: string[]) => names.filter((name, i) => names.indexOf(name) !== i);
    for (const name of duplicates(alerts.rules.map((r) => r.name))) ctx.addIssue({ code: "custom", path: ["rules"], message: `two rules are named "${name}"` });
    for (const name of duplicates(alerts.contactPoints.map((c) => c.name))) ctx.addIssue({ code: "custom", path: ["contactPoints"], message: `two contact points are named "${name}"` });
    const known = new Set(alerts.contactPoints.map((c) => c.name));
    alerts.rules.forEach((rule, index) => {
      for (const name of rule.notify) if (!known.has(name)) ctx.addIssue({ code: "custom", path: ["rules", index, "notify"], message: `no contact point named "${name}" in alerts.contactPoints` });
    });
  });

const topLevelShape = {
  pollIntervalSeconds: pollInterval.default(10),
  auth: authSchema.default(AUTH_DEFAULTS),
  retention: retentionSchema.default({ rawDays: 7, oneMinuteDays: 35, oneHourDays: 400 }),
  alerts: alertsConfigSchema.default({ rules: [], contactPoints: [] }),
  deadLetters: deadLettersConfigSchema.default(() => ({ ...DEAD_LETTERS_DEFAULTS, masking: [] })),
};

/** The file without looking inside the clusters (each is checked on its own, see parse-config.ts). */
export const topLevelSchema = z.strictObject({ ...topLevelShape, clusters: z.array(z.unknown()).default([]) });

/** The typed result, once every part has passed. Cluster ids are unique (checked in parse-config.ts). */
export const configSchema = z.strictObject({ ...topLevelShape, clusters: z.array(clusterSchema) });

export type QueuewatchConfig = z.infer<typeof configSchema>;
export type ClusterConfig = z.infer<typeof clusterSchema>;
export type KafkaClusterConfig = z.infer<typeof kafkaClusterSchema>;
export type RabbitmqClusterConfig = z.infer<typeof rabbitmqClusterSchema>;
export type ClusterKind = ClusterConfig["kind"];
export type AuthConfig = z.infer<typeof authSchema>;
export type OidcConfig = z.infer<typeof oidcSchema>;
export type Role = z.infer<typeof roleSchema>;
export type AlertsConfig = z.infer<typeof alertsConfigSchema>;
export type { DeadLettersConfig } from "@/lib/dlq/dead-letter-config";
