// The e-mail for one notification: Alertmanager's subject line, a plain-text part and an HTML part with a
// table of the alerts. Every label and annotation value is HTML-escaped, and only http(s) URLs become links,
// so a hostile value renders as inert text. Pure.
import { goTime, sortedLabels, type NotifiedAlert } from "@/lib/alerts/alertmanager-format";
import type { GroupNotification } from "@/lib/alerts/notification";
import { notificationTitle } from "./notification-title";

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);

const isHttpUrl = (url: string) => /^https?:\/\//i.test(url);
const htmlLink = (url: string, label: string) => (isHttpUrl(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>` : escapeHtml(url));
const sorted = (labels: Readonly<Record<string, string>>) => Object.entries(sortedLabels(labels));
const ends = (alert: NotifiedAlert) => (alert.endsAt ? goTime(alert.endsAt) : "—");

function alertText(alert: NotifiedAlert): string {
  return [
    `${alert.status.toUpperCase()} ${alert.labels.alertname ?? ""}`,
    ...sorted(alert.annotations).map(([name, value]) => `  ${name}: ${value}`),
    `  labels: ${sorted(alert.labels).map(([name, value]) => `${name}=${value}`).join(", ")}`,
    `  starts: ${goTime(alert.startsAt)}  ends: ${ends(alert)}`,
    ...(alert.generatorURL ? [`  source: ${alert.generatorURL}`] : []),
  ].join("\n");
}

const CELL = "border:1px solid #ccc;padding:6px;vertical-align:top;text-align:left";
const HEADINGS = ["Status", "Labels", "Annotations", "Starts", "Ends", "Link"];

function alertRow(alert: NotifiedAlert): string {
  const labels = sorted(alert.labels).map(([name, value]) => `${escapeHtml(name)}=${escapeHtml(value)}`).join("<br>");
  const annotations = sorted(alert.annotations)
    .map(([name, value]) => `<b>${escapeHtml(name)}</b>: ${name === "runbook_url" ? htmlLink(value, value) : escapeHtml(value)}`)
    .join("<br>");
  const cells = [alert.status.toUpperCase(), labels, annotations, escapeHtml(goTime(alert.startsAt)), escapeHtml(ends(alert)), alert.generatorURL ? htmlLink(alert.generatorURL, "Open") : ""];
  return `<tr>${cells.map((cell) => `<td style="${CELL}">${cell}</td>`).join("")}</tr>`;
}

export function emailMessage(notification: GroupNotification): EmailMessage {
  const subject = notificationTitle(notification);
  const footer = notification.externalURL ? `Queuewatch: ${notification.externalURL}` : "Queuewatch";
  const text = [subject, ...notification.alerts.map(alertText), footer].join("\n\n");
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${escapeHtml(subject)}</h2>`,
    '<table style="border-collapse:collapse">',
    `<thead><tr>${HEADINGS.map((heading) => `<th style="${CELL}">${heading}</th>`).join("")}</tr></thead>`,
    `<tbody>${notification.alerts.map(alertRow).join("")}</tbody>`,
    "</table>",
    `<p>${notification.externalURL ? htmlLink(notification.externalURL, "Queuewatch") : "Queuewatch"}</p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}
