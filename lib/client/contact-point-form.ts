// The contact point form's state and the body it sends, both ways. Secrets never come back from the API
// (a masked URL, header names, "has a password"), so on a change a blank URL, no header rows and a blank
// password mean "keep the stored one": the body leaves them out and the server keeps its values. The body is
// checked with the API's own schema first. Pure and client-safe.
import { contactPointSchema, type ContactPointType } from "@/lib/alerts/contact-point-schema";
import type { ContactPointView } from "@/lib/alerts/contact-points/describe-contact-point";
import type { FieldErrors, KeyValueRow } from "./rule-form";

export const REQUIRE_TLS_CHOICES = ["default", "yes", "no"] as const;
export type RequireTlsChoice = (typeof REQUIRE_TLS_CHOICES)[number];

export interface ContactPointForm {
  name: string;
  type: ContactPointType;
  /** webhook, alertmanager, slack; blank on a change = keep the stored one */
  url: string;
  /** webhook, alertmanager; no rows on a change = keep the stored ones (unless clearHeaders) */
  headers: KeyValueRow[];
  clearHeaders: boolean;
  /** webhook */
  maxAlerts: string;
  smtpHost: string;
  smtpPort: string;
  smtpSecure: boolean;
  smtpUsername: string;
  /** blank on a change = keep the stored one (unless clearPassword) */
  smtpPassword: string;
  clearPassword: boolean;
  smtpRequireTls: RequireTlsChoice;
  from: string;
  /** addresses separated by commas, semicolons or line breaks */
  to: string;
  match: KeyValueRow[];
  /** label names separated by commas; blank = the type's default */
  groupBy: string;
  groupWait: string;
  groupInterval: string;
  repeatInterval: string;
  sendResolved: boolean;
}

/** Alertmanager's route defaults, per type (Alertmanager itself groups and repeats, so pushes go at once). */
export const ROUTING_DEFAULTS: Record<ContactPointType, { groupBy: string; groupWait: string; groupInterval: string; repeatInterval: string }> = {
  webhook: { groupBy: "alertname, cluster", groupWait: "30s", groupInterval: "5m", repeatInterval: "4h" },
  slack: { groupBy: "alertname, cluster", groupWait: "30s", groupInterval: "5m", repeatInterval: "4h" },
  email: { groupBy: "alertname, cluster", groupWait: "30s", groupInterval: "5m", repeatInterval: "4h" },
  alertmanager: { groupBy: "alertname, cluster", groupWait: "0s", groupInterval: "1s", repeatInterval: "1m" },
};

export function emptyContactPointForm(type: ContactPointType = "webhook"): ContactPointForm {
  return {
    name: "", type, url: "", headers: [], clearHeaders: false, maxAlerts: "",
    smtpHost: "", smtpPort: "", smtpSecure: false, smtpUsername: "", smtpPassword: "", clearPassword: false, smtpRequireTls: "default",
    from: "", to: "", match: [], groupBy: "", groupWait: "", groupInterval: "", repeatInterval: "", sendResolved: true,
  };
}

/** A stored contact point as the form shows it: everything but its secrets. */
export function viewToForm(view: ContactPointView): ContactPointForm {
  return {
    ...emptyContactPointForm(view.type),
    name: view.name,
    maxAlerts: view.maxAlerts === undefined || view.maxAlerts === 0 ? "" : String(view.maxAlerts),
    smtpHost: view.smtp?.host ?? "",
    smtpPort: view.smtp ? String(view.smtp.port) : "",
    smtpSecure: view.smtp?.secure ?? false,
    smtpUsername: view.smtp?.username ?? "",
    smtpRequireTls: view.smtp?.requireTls === undefined ? "default" : view.smtp.requireTls ? "yes" : "no",
    from: view.from ?? "",
    to: (view.to ?? []).join(", "),
    match: Object.entries(view.match ?? {}).map(([key, value]) => ({ key, value })),
    groupBy: view.groupBy.join(", "),
    groupWait: view.groupWait,
    groupInterval: view.groupInterval,
    repeatInterval: view.repeatInterval,
    sendResolved: view.sendResolved,
  };
}

export const splitList = (text: string): string[] => text.split(/[,;\n]/).map((part) => part.trim()).filter((part) => part !== "");

/** Whole digits only ("587"); null for anything else. */
const wholeNumber = (text: string): number | null => (/^\s*\d+\s*$/.test(text) ? Number(text.trim()) : null);

/** A URL that passes the schema, standing in for a stored one the body leaves out. */
const KEPT_URL = "https://kept.invalid/";

export type ContactPointValidation = { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldErrors };

/**
 * The body to send, checked with contactPointSchema. `stored`: the point being changed (null for a new one);
 * its secrets are kept when left blank, except after a type change (a different type's secrets do not carry over).
 */
export function contactPointBody(form: ContactPointForm, stored: ContactPointView | null): ContactPointValidation {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const keeping = stored !== null && stored.type === form.type;
  const body: Record<string, unknown> = { name: form.name.trim(), type: form.type };
  /** secrets left out: filled in for the schema check only */
  const kept: Record<string, unknown> = {};

  if (form.type !== "email") {
    const url = form.url.trim();
    if (url !== "") body.url = url;
    else if (keeping) kept.url = KEPT_URL;
    else add("url", "enter the URL");
  }
  if (form.type === "webhook" || form.type === "alertmanager") {
    const headers: Record<string, string> = {};
    for (const row of form.headers) {
      const key = row.key.trim();
      if (key === "" && row.value === "") continue;
      if (key === "") add("headers", "a header value without a name");
      else if (key in headers) add("headers", `header "${key}" is set twice`);
      else headers[key] = row.value;
    }
    if (Object.keys(headers).length > 0 || form.clearHeaders || !keeping) body.headers = headers;
  }
  if (form.type === "webhook" && form.maxAlerts.trim() !== "") {
    const maxAlerts = wholeNumber(form.maxAlerts);
    if (maxAlerts === null) add("maxAlerts", "must be a whole number (0 = all)");
    else body.maxAlerts = maxAlerts;
  }
  if (form.type === "email") {
    const smtp: Record<string, unknown> = { host: form.smtpHost.trim(), secure: form.smtpSecure };
    if (form.smtpPort.trim() !== "") {
      const port = wholeNumber(form.smtpPort);
      if (port === null) add("smtp", "port: must be a whole number");
      else smtp.port = port;
    }
    if (form.smtpUsername.trim() !== "") smtp.username = form.smtpUsername.trim();
    if (form.smtpPassword !== "") smtp.password = form.smtpPassword;
    // An explicit empty password keeps the server from merging the stored one back.
    else if (keeping && form.clearPassword) smtp.password = "";
    if (form.smtpRequireTls !== "default") smtp.requireTls = form.smtpRequireTls === "yes";
    body.smtp = smtp;
    body.from = form.from.trim();
    body.to = splitList(form.to);
  }

  const match: Record<string, string> = {};
  for (const row of form.match) {
    const key = row.key.trim();
    if (key === "" && row.value === "") continue;
    if (key === "") add("match", "a value without a label name");
    else if (key in match) add("match", `"${key}" is matched twice`);
    else match[key] = row.value;
  }
  if (Object.keys(match).length > 0) body.match = match;
  if (form.groupBy.trim() !== "") body.groupBy = splitList(form.groupBy);
  for (const key of ["groupWait", "groupInterval", "repeatInterval"] as const) if (form[key].trim() !== "") body[key] = form[key].trim();
  body.sendResolved = form.sendResolved;

  const parsed = contactPointSchema.safeParse({ ...body, ...kept });
  if (!parsed.success) {
    const formFound = new Set(Object.keys(errors));
    for (const issue of parsed.error.issues) {
      const [head = "form", ...rest] = issue.path.map(String);
      // The form's own message about a field says it better ("enter the URL", not "expected string").
      if (formFound.has(head)) continue;
      // smtp.host → the smtp box, "host: …"; a header or match key → "X Y: …"; to.2 → the recipients field
      const where = head === "smtp" && rest.length > 0 ? `${rest.join(".")}: ` : (head === "headers" || head === "match") && rest[0] ? `${rest[0]}: ` : "";
      // A bad record key: zod nests the key schema's own message.
      const message = issue.code === "invalid_key" ? (issue.issues[0]?.message ?? issue.message) : issue.message;
      add(head, `${where}${message}`);
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body };
}

/** Where a contact point sends, without secrets: `https://hooks.slack.com/…`, `smtp.example.com:587 (STARTTLS) → a@x, b@y`. */
export function targetSummary(view: ContactPointView): string {
  if (view.type === "email" && view.smtp) {
    const tls = view.smtp.secure ? "TLS" : "STARTTLS";
    const user = view.smtp.username ? ` as ${view.smtp.username}` : "";
    return `${view.smtp.host}:${view.smtp.port} (${tls})${user}, from ${view.from ?? "?"} to ${(view.to ?? []).join(", ")}`;
  }
  const parts = [view.url ?? "…"];
  if (view.headerNames && view.headerNames.length > 0) parts.push(`headers: ${view.headerNames.join(", ")}`);
  if (view.maxAlerts) parts.push(`at most ${view.maxAlerts} alerts per message`);
  return parts.join(" · ");
}

/** `severity="critical" · by alertname, cluster · wait 30s, every 5m, repeat 4h · no resolved`. */
export function routingSummary(view: ContactPointView): string {
  const match = Object.entries(view.match ?? {}).map(([label, value]) => `${label}=${JSON.stringify(value)}`);
  return [
    match.length > 0 ? `catches ${match.join(", ")}` : null,
    `by ${view.groupBy.length > 0 ? view.groupBy.join(", ") : "nothing (one group)"}`,
    `wait ${view.groupWait}, every ${view.groupInterval}, repeat ${view.repeatInterval}`,
    view.sendResolved ? null : "no resolved",
  ].filter((part): part is string => part !== null).join(" · ");
}
