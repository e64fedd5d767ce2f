// Contact points: where alert notifications go. One zod schema serves the YAML config (`alerts.contactPoints`)
// and the API (`/api/v1/contact-points`). Client-safe: no secrets are resolved here. A secret (a webhook URL
// with a token, an SMTP password, a header) may be written as `${ENV_NAME}`: the config loader substitutes it
// at load time; a value stored through the API keeps the reference and the collector resolves it at send time.
import { z } from "@/lib/util/zod";
import { parseDuration } from "@/lib/util/duration";

export const CONTACT_POINT_TYPES = ["webhook", "alertmanager", "slack", "email"] as const;
export type ContactPointType = (typeof CONTACT_POINT_TYPES)[number];

/** A contact point or rule name: shown on pages and sent as `receiver`. */
export const alertNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.:-]*$/, "letters, digits, space, '_', '.', ':' and '-', starting with a letter or digit");

/** A Prometheus-style duration ("30s", "5m", "4h", "1h30m"), kept as text so it reads back as written. */
export const durationText = (options: { min?: number; max?: number } = {}) =>
  z.string().superRefine((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null) ctx.addIssue({ code: "custom", message: `must be a duration such as 30s, 5m or 4h (got ${JSON.stringify(text)})` });
    else if (options.min !== undefined && ms < options.min) ctx.addIssue({ code: "custom", message: `must be at least ${options.min / 1000}s` });
    else if (options.max !== undefined && ms > options.max) ctx.addIssue({ code: "custom", message: `must be at most ${options.max / 1000}s` });
  });

/** An http(s) URL, or a `${ENV}` reference to one (resolved when sending). */
const secretUrl = z
  .string()
  .min(1)
  .max(2048)
  .refine((value) => /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value) || (/^https?:\/\//i.test(value) && URL.canParse(value)), "must be an http:// or https:// URL (or a ${ENV_NAME} reference)");

const headerName = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "must be an HTTP header name");

/** Grouping and timing, as in an Alertmanager route; defaults are Alertmanager's. */
const routing = {
  /** label matchers (`{severity: critical, cluster: "prod-*"}`, values may be globs): alerts whose labels match come here, whatever the rule's `notify` */
  match: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).optional(),
  groupBy: z.array(z.string().min(1)).default(["alertname", "cluster"]),
  groupWait: durationText({ max: 86_400_000 }).default("30s"),
  groupInterval: durationText({ min: 1000, max: 86_400_000 }).default("5m"),
  repeatInterval: durationText({ min: 1000, max: 30 * 86_400_000 }).default("4h"),
  sendResolved: z.boolean().default(true),
};

export const webhookContactPointSchema = z.strictObject({
  name: alertNameSchema,
  type: z.literal("webhook"),
  url: secretUrl,
  headers: z.record(headerName, z.string().max(4096)).default({}),
  /** Alertmanager's `max_alerts`: at most this many alerts per message (0 = all); the rest count in `truncatedAlerts` */
  maxAlerts: z.number().int().min(0).max(10_000).default(0),
  ...routing,
});

export const alertmanagerContactPointSchema = z.strictObject({
  name: alertNameSchema,
  type: z.literal("alertmanager"),
  /** Alertmanager's base URL, e.g. http://alertmanager:9093 (alerts go to <url>/api/v2/alerts) */
  url: secretUrl,
  headers: z.record(headerName, z.string().max(4096)).default({}),
  ...routing,
  // Alertmanager groups and repeats by itself: push each change at once and re-send firing alerts every minute (as Prometheus does).
  groupBy: z.array(z.string().min(1)).default(["alertname", "cluster"]),
  groupWait: durationText({ max: 86_400_000 }).default("0s"),
  groupInterval: durationText({ min: 1000, max: 86_400_000 }).default("1s"),
  repeatInterval: durationText({ min: 1000, max: 86_400_000 }).default("1m"),
});

export const slackContactPointSchema = z.strictObject({
  name: alertNameSchema,
  type: z.literal("slack"),
  /** the Slack incoming-webhook URL (a secret: it carries the token) */
  url: secretUrl,
  ...routing,
});

export const emailContactPointSchema = z.strictObject({
  name: alertNameSchema,
  type: z.literal("email"),
  smtp: z.strictObject({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65_535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it */
    secure: z.boolean().default(false),
    username: z.string().min(1).max(255).optional(),
    password: z.string().max(1024).optional(),
    /** refuse to send without TLS (default true unless the host is loopback) */
    requireTls: z.boolean().optional(),
  }),
  from: z.string().min(3).max(320),
  to: z.array(z.string().min(3).max(320)).min(1).max(50),
  ...routing,
});

export const contactPointSchema = z.discriminatedUnion("type", [webhookContactPointSchema, alertmanagerContactPointSchema, slackContactPointSchema, emailContactPointSchema]);

export type ContactPointSettings = z.infer<typeof contactPointSchema>;
export type ContactPointInput = z.input<typeof contactPointSchema>;
export type WebhookContactPoint = z.infer<typeof webhookContactPointSchema>;
export type AlertmanagerContactPoint = z.infer<typeof alertmanagerContactPointSchema>;
export type SlackContactPoint = z.infer<typeof slackContactPointSchema>;
export type EmailContactPoint = z.infer<typeof emailContactPointSchema>;

/** The values of a contact point a log line, an API answer or a page must never show: URLs (they may carry a token), header values, the SMTP password. */
export function contactPointSecrets(point: ContactPointSettings): string[] {
  switch (point.type) {
    case "email":
      return point.smtp.password ? [point.smtp.password] : [];
    case "slack":
      return [point.url];
    case "webhook":
    case "alertmanager":
      return [point.url, ...Object.values(point.headers)];
  }
}
