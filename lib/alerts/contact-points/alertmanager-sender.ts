// Alertmanager: push the alerts to its v2 API, as Prometheus does; it groups, silences and routes them itself.
import type { AlertmanagerContactPoint } from "@/lib/alerts/contact-point-schema";
import { postableAlerts } from "./alertmanager-push";
import { postJson } from "./post-json";
import type { Sender } from "./sender";

/** `<base>/api/v2/alerts`, keeping a query string; an unparsable URL goes through as is for postJson to refuse. */
function alertsEndpoint(base: string): string {
  if (!URL.canParse(base)) return base;
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/api/v2/alerts`;
  return url.href;
}

export const sendToAlertmanager: Sender<AlertmanagerContactPoint> = (settings, notification, context) =>
  postJson(alertsEndpoint(settings.url), JSON.stringify(postableAlerts(notification)), settings.headers, context);
