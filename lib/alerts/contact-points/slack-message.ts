// The Slack incoming-webhook body (Block Kit) for one notification, within Slack's limits: header ≤ 150
// characters, section text ≤ 3000, ≤ 50 blocks; `&`, `<` and `>` escaped in mrkdwn. Pure.
import { goTime, sortedLabels, webhookMessage, type NotifiedAlert } from "@/lib/alerts/alertmanager-format";
import type { GroupNotification } from "@/lib/alerts/notification";
import { notificationTitle } from "./notification-title";

export const SLACK_LIMITS = { headerText: 150, sectionText: 3000, blocks: 50 } as const;
// A link cannot be cut; longer URLs are shown as text, so links never crowd out the alert itself.
const LINK_URL_MAX = 1000;

type MrkdwnText = { type: "mrkdwn"; text: string };
export type SlackBlock =
  | { type: "header"; text: { type: "plain_text"; text: string } }
  | { type: "section"; text: MrkdwnText }
  | { type: "context"; elements: MrkdwnText[] };

export interface SlackMessage {
  /** the notification's fallback text */
  text: string;
  blocks: SlackBlock[];
}

export const escapeMrkdwn = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Escaped text cut to `max` characters without splitting an entity. */
function cut(escaped: string, max: number): string {
  return escaped.length <= max ? escaped : `${escaped.slice(0, max - 1).replace(/&[a-z]*$/, "")}…`;
}

/** `<url|label>` for an http(s) URL; otherwise the text itself, escaped. */
function link(url: string, label: string): string {
  if (!/^https?:\/\//i.test(url) || url.length > LINK_URL_MAX) return `${label}: ${escapeMrkdwn(url)}`;
  return `<${escapeMrkdwn(url).replace(/\|/g, "%7C")}|${label}>`;
}

const pairs = (labels: Readonly<Record<string, string>>) => Object.entries(labels).map(([name, value]) => `${name}=${value}`).join(" · ");

function alertSection(alert: NotifiedAlert, commonLabels: Record<string, string>): SlackBlock {
  const { summary, description, runbook_url: runbook } = alert.annotations;
  const own = sortedLabels(Object.fromEntries(Object.entries(alert.labels).filter(([name]) => !(name in commonLabels))));
  const name = alert.labels.alertname;
  const times = `started ${goTime(alert.startsAt)}${alert.endsAt ? ` · ended ${goTime(alert.endsAt)}` : ""}`;
  const lines = [`*${alert.status.toUpperCase()}*${name ? ` · *${name}*` : ""}`, summary, description, pairs(own), times].filter((line): line is string => Boolean(line));
  const links = [...(alert.generatorURL ? [link(alert.generatorURL, "Open in Queuewatch")] : []), ...(runbook ? [link(runbook, "Runbook")] : [])].join(" · ");
  const body = lines.map(escapeMrkdwn).join("\n");
  // The links come last and whole; the text gives way.
  const text = links ? `${cut(body, SLACK_LIMITS.sectionText - links.length - 1)}\n${links}` : cut(body, SLACK_LIMITS.sectionText);
  return { type: "section", text: { type: "mrkdwn", text } };
}

export function slackMessage(notification: GroupNotification): SlackMessage {
  const title = notificationTitle(notification);
  const { commonLabels } = webhookMessage(notification);
  const shown = notification.alerts.slice(0, SLACK_LIMITS.blocks - 2); // the header and the footer take two blocks
  const hidden = notification.alerts.length - shown.length;
  const footer = [
    ...(Object.keys(commonLabels).length > 0 ? [cut(escapeMrkdwn(pairs(commonLabels)), SLACK_LIMITS.sectionText)] : []),
    ...(hidden > 0 ? [`${hidden} more alert${hidden === 1 ? "" : "s"} not shown`] : []),
    ...(notification.externalURL ? [link(notification.externalURL, "Queuewatch")] : []),
  ];
  return {
    text: escapeMrkdwn(title),
    blocks: [
      { type: "header", text: { type: "plain_text", text: title.length <= SLACK_LIMITS.headerText ? title : `${title.slice(0, SLACK_LIMITS.headerText - 1)}…` } },
      ...shown.map((alert) => alertSection(alert, commonLabels)),
      // Slack rejects a context block without elements.
      ...(footer.length > 0 ? [{ type: "context" as const, elements: footer.map((text) => ({ type: "mrkdwn" as const, text })) }] : []),
    ],
  };
}
