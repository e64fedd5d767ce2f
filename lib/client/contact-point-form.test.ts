import { describe, expect, it } from "vitest";
import { contactPointSchema } from "@/lib/alerts/contact-point-schema";
import { describeContactPoint } from "@/lib/alerts/contact-points/describe-contact-point";
import { contactPointBody, emptyContactPointForm, routingSummary, splitList, targetSummary, viewToForm, type ContactPointForm } from "./contact-point-form";

const form = (changes: Partial<ContactPointForm>): ContactPointForm => ({ ...emptyContactPointForm(changes.type), name: "oncall", ...changes });

describe("contactPointBody for a new contact point", () => {
  it("sends a webhook with its headers and leaves blank routing fields to the defaults", () => {
    const result = contactPointBody(form({ url: " https://hooks.example.com/x?token=1 ", headers: [{ key: "Authorization", value: "Bearer a" }, { key: "", value: "" }], maxAlerts: "20" }), null);
    expect(result).toEqual({ ok: true, body: { name: "oncall", type: "webhook", url: "https://hooks.example.com/x?token=1", headers: { Authorization: "Bearer a" }, maxAlerts: 20, sendResolved: true } });
    if (result.ok) expect(contactPointSchema.parse(result.body)).toMatchObject({ groupWait: "30s", repeatInterval: "4h" });
  });

  it("sends an e-mail contact point with routing", () => {
    const result = contactPointBody(form({
      type: "email", smtpHost: "smtp.example.com", smtpPort: "465", smtpSecure: true, smtpUsername: "qw", smtpPassword: "pw", smtpRequireTls: "yes",
      from: "queuewatch@example.com", to: "a@example.com; b@example.com\nc@example.com",
      match: [{ key: "severity", value: "critical" }], groupBy: "alertname, cluster, queue", groupWait: "10s", sendResolved: false,
    }), null);
    expect(result).toEqual({ ok: true, body: {
      name: "oncall", type: "email",
      smtp: { host: "smtp.example.com", port: 465, secure: true, username: "qw", password: "pw", requireTls: true },
      from: "queuewatch@example.com", to: ["a@example.com", "b@example.com", "c@example.com"],
      match: { severity: "critical" }, groupBy: ["alertname", "cluster", "queue"], groupWait: "10s", sendResolved: false,
    } });
  });

  it.each([
    ["no URL", { url: "" }, "url", "enter the URL"],
    ["a URL that is not http(s)", { url: "ftp://x" }, "url", "must be an http:// or https:// URL (or a ${ENV_NAME} reference)"],
    ["a header without a name", { url: "https://x", headers: [{ key: "", value: "v" }] }, "headers", "a header value without a name"],
    ["a bad header name", { url: "https://x", headers: [{ key: "X Y", value: "v" }] }, "headers", "X Y: must be an HTTP header name"],
    ["max alerts that is not a number", { url: "https://x", maxAlerts: "lots" }, "maxAlerts", "must be a whole number (0 = all)"],
    ["a bad duration", { url: "https://x", groupWait: "soon" }, "groupWait", 'must be a duration such as 30s, 5m or 4h (got "soon")'],
    ["a bad name", { url: "https://x", name: "" }, "name", "Too small: expected string to have >=1 characters"],
    ["e-mail without recipients", { type: "email", smtpHost: "h", from: "a@b.c", to: "" }, "to", "Too small: expected array to have >=1 items"],
    ["e-mail without a host", { type: "email", smtpHost: "", from: "a@b.c", to: "x@y.z" }, "smtp", "host: Too small: expected string to have >=1 characters"],
    ["a match label twice", { url: "https://x", match: [{ key: "a", value: "1" }, { key: "a", value: "2" }] }, "match", '"a" is matched twice'],
  ] as const)("reports %s", (_name, changes, field, message) => {
    const result = contactPointBody(form(changes as Partial<ContactPointForm>), null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toContain(message);
  });
});

describe("contactPointBody for a change", () => {
  const stored = describeContactPoint(contactPointSchema.parse({ name: "oncall", type: "webhook", url: "https://hooks.example.com/secret", headers: { Authorization: "Bearer s" }, maxAlerts: 5 }));
  const storedMail = describeContactPoint(contactPointSchema.parse({ name: "mail", type: "email", smtp: { host: "smtp", username: "u", password: "p" }, from: "a@b.c", to: ["x@y.z"] }));

  it("shows no secrets and keeps them when left blank", () => {
    const edit = viewToForm(stored);
    expect(edit).toMatchObject({ url: "", headers: [], maxAlerts: "5", groupBy: "alertname, cluster", groupWait: "30s" });
    const result = contactPointBody(edit, stored);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.body).not.toHaveProperty("url");
      expect(result.body).not.toHaveProperty("headers");
    }
  });

  it("replaces the URL and headers when given, and clears headers on request", () => {
    const replaced = contactPointBody({ ...viewToForm(stored), url: "https://new.example.com/", headers: [{ key: "X-Key", value: "k" }] }, stored);
    expect(replaced.ok && replaced.body).toMatchObject({ url: "https://new.example.com/", headers: { "X-Key": "k" } });
    const cleared = contactPointBody({ ...viewToForm(stored), clearHeaders: true }, stored);
    expect(cleared.ok && cleared.body.headers).toEqual({});
  });

  it("needs the URL again after a type change", () => {
    const result = contactPointBody({ ...viewToForm(stored), type: "slack" }, stored);
    expect(result).toEqual({ ok: false, errors: { url: ["enter the URL"] } });
  });

  it("keeps, replaces or removes the SMTP password", () => {
    const edit = viewToForm(storedMail);
    expect(edit).toMatchObject({ smtpHost: "smtp", smtpPort: "587", smtpUsername: "u", smtpPassword: "", to: "x@y.z" });
    const keep = contactPointBody(edit, storedMail);
    expect(keep.ok && keep.body.smtp).toEqual({ host: "smtp", port: 587, secure: false, username: "u" });
    const replace = contactPointBody({ ...edit, smtpPassword: "new" }, storedMail);
    expect(replace.ok && replace.body.smtp).toMatchObject({ password: "new" });
    const remove = contactPointBody({ ...edit, clearPassword: true }, storedMail);
    expect(remove.ok && remove.body.smtp).toMatchObject({ password: "" });
  });
});

it("splits recipient lists", () => {
  expect(splitList(" a@b.c, d@e.f;\n\ng@h.i ,")).toEqual(["a@b.c", "d@e.f", "g@h.i"]);
});

describe("summaries", () => {
  it("describes targets without secrets", () => {
    const webhook = describeContactPoint(contactPointSchema.parse({ name: "w", type: "webhook", url: "https://hooks.example.com/secret?token=1", headers: { Authorization: "Bearer s" }, maxAlerts: 10 }));
    expect(targetSummary(webhook)).toBe("https://hooks.example.com/… · headers: Authorization · at most 10 alerts per message");
    const mail = describeContactPoint(contactPointSchema.parse({ name: "m", type: "email", smtp: { host: "smtp.example.com", username: "qw", password: "p" }, from: "qw@example.com", to: ["a@example.com", "b@example.com"] }));
    expect(targetSummary(mail)).toBe("smtp.example.com:587 (STARTTLS) as qw, from qw@example.com to a@example.com, b@example.com");
    expect(targetSummary(mail)).not.toContain("p@");
  });

  it("describes routing", () => {
    const point = describeContactPoint(contactPointSchema.parse({ name: "s", type: "slack", url: "https://hooks.slack.com/x", match: { severity: "critical" }, sendResolved: false }));
    expect(routingSummary(point)).toBe('catches severity="critical" · by alertname, cluster · wait 30s, every 5m, repeat 4h · no resolved');
    const am = describeContactPoint(contactPointSchema.parse({ name: "a", type: "alertmanager", url: "http://am:9093", groupBy: [] }));
    expect(routingSummary(am)).toBe("by nothing (one group) · wait 0s, every 1s, repeat 1m");
  });
});
