// A contact point as the API and pages may show it: no secret values. URLs keep only scheme and host
// (a Slack or webhook URL carries its token in the path or query), headers only their names, SMTP no
// password. A `${ENV_NAME}` reference is shown as written: it names a secret, it is not one. Pure, client-safe.
import type { ContactPointSettings, ContactPointType } from "@/lib/alerts/contact-point-schema";

export interface ContactPointView {
  name: string;
  type: ContactPointType;
  match?: Record<string, string>;
  groupBy: string[];
  groupWait: string;
  groupInterval: string;
  repeatInterval: string;
  sendResolved: boolean;
  /** `https://hooks.slack.com/…`, or the `${ENV}` reference */
  url?: string;
  headerNames?: string[];
  maxAlerts?: number;
  smtp?: { host: string; port: number; secure: boolean; username?: string; requireTls?: boolean; hasPassword: boolean };
  from?: string;
  to?: string[];
}

/** `scheme://host/…`; a whole `${ENV}` reference as is; `…` when it is neither. */
export function maskUrl(url: string): string {
  if (/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(url)) return url;
  if (!URL.canParse(url)) return "…";
  const { protocol, host, pathname, search, username } = new URL(url);
  return `${protocol}//${host}${pathname === "/" && search === "" && username === "" ? "" : "/…"}`;
}

export function describeContactPoint(settings: ContactPointSettings): ContactPointView {
  const { name, type, match, groupBy, groupWait, groupInterval, repeatInterval, sendResolved } = settings;
  return {
    name, type, ...(match === undefined ? {} : { match }), groupBy, groupWait, groupInterval, repeatInterval, sendResolved,
    ...("url" in settings ? { url: maskUrl(settings.url) } : {}),
    ...("headers" in settings ? { headerNames: Object.keys(settings.headers) } : {}),
    ...("maxAlerts" in settings ? { maxAlerts: settings.maxAlerts } : {}),
    ...("smtp" in settings
      ? {
          smtp: {
            host: settings.smtp.host, port: settings.smtp.port, secure: settings.smtp.secure,
            ...(settings.smtp.username === undefined ? {} : { username: settings.smtp.username }),
            ...(settings.smtp.requireTls === undefined ? {} : { requireTls: settings.smtp.requireTls }),
            hasPassword: Boolean(settings.smtp.password),
          },
          from: settings.from,
          to: settings.to,
        }
      : {}),
  };
}
