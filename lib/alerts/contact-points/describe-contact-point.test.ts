import { describe, expect, it } from "vitest";
import { contactPointSchema, type ContactPointInput } from "@/lib/alerts/contact-point-schema";
import { describeContactPoint, maskUrl } from "./describe-contact-point";

describe("maskUrl", () => {
  it.each([
    ["https://hooks.slack.com/services/T0/B0/XXXX", "https://hooks.slack.com/…"],
    ["http://127.0.0.1:9/hook?token=SECRET123", "http://127.0.0.1:9/…"],
    ["https://user:pass@am.example.test", "https://am.example.test/…"],
    ["http://alertmanager:9093", "http://alertmanager:9093"],
    ["http://am.test/?t=SECRET", "http://am.test/…"],
    ["${SLACK_URL}", "${SLACK_URL}"],
    ["https://hooks.slack.com/services/${SLACK_PATH}", "https://hooks.slack.com/…"],
    ["not a url", "…"],
  ])("%s → %s", (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });
});

describe("describeContactPoint", () => {
  const view = (input: ContactPointInput) => describeContactPoint(contactPointSchema.parse(input));

  it.each([
    ["webhook", { name: "hook", type: "webhook", url: "https://x.test/h?token=SECRET123", headers: { Authorization: "Bearer SECRET123" }, maxAlerts: 5 },
      { name: "hook", type: "webhook", url: "https://x.test/…", headerNames: ["Authorization"], maxAlerts: 5, groupBy: ["alertname", "cluster"], groupWait: "30s", sendResolved: true }],
    ["alertmanager", { name: "am", type: "alertmanager", url: "${AM_URL}", match: { severity: "critical" } },
      { name: "am", type: "alertmanager", url: "${AM_URL}", headerNames: [], match: { severity: "critical" }, groupWait: "0s", repeatInterval: "1m" }],
    ["slack", { name: "s", type: "slack", url: "https://hooks.slack.com/services/T/B/SECRET123" }, { type: "slack", url: "https://hooks.slack.com/…" }],
    ["email", { name: "m", type: "email", smtp: { host: "smtp.x.test", username: "alerts", password: "SECRET123" }, from: "q@x.test", to: ["o@x.test"] },
      { type: "email", smtp: { host: "smtp.x.test", port: 587, secure: false, username: "alerts", hasPassword: true }, from: "q@x.test", to: ["o@x.test"] }],
  ] satisfies [string, ContactPointInput, object][])("%s: routing and display-safe fields, no secret", (_case, input, expected) => {
    const described = view(input);
    expect(described).toMatchObject(expected);
    expect(JSON.stringify(described)).not.toContain("SECRET123");
  });

  it("has no slack headers, no smtp password field", () => {
    expect(view({ name: "s", type: "slack", url: "https://hooks.slack.com/x" })).not.toHaveProperty("headerNames");
    expect(view({ name: "m", type: "email", smtp: { host: "h" }, from: "a@b.c", to: ["d@e.f"] }).smtp).toEqual({ host: "h", port: 587, secure: false, hasPassword: false });
  });
});
