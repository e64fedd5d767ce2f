// Webhook: Alertmanager's webhook body (version 4), byte for byte, so receivers written for Alertmanager work.
import { goJson, webhookMessage } from "@/lib/alerts/alertmanager-format";
import type { WebhookContactPoint } from "@/lib/alerts/contact-point-schema";
import { postJson } from "./post-json";
import type { Sender } from "./sender";

export const sendWebhook: Sender<WebhookContactPoint> = (settings, notification, context) =>
  postJson(settings.url, goJson(webhookMessage({ ...notification, maxAlerts: settings.maxAlerts })), settings.headers, context);
