import { describe, expect, it } from "vitest";
import { contactPointSchema, type ContactPointInput } from "@/lib/alerts/contact-point-schema";
import { redactSecrets } from "@/lib/log/logger";
import { MissingSecretError, resolveSecrets, secretFragments } from "./resolve-secrets";

const parse = (input: ContactPointInput) => contactPointSchema.parse(input);
const env = { SLACK_URL: "https://hooks.slack.com/services/T0001/B0002/XXXXyyyyZZZZ", TOKEN: "tok-123456789", SMTP_PASS: "hunter2!", EMPTY: "" };

describe("resolveSecrets", () => {
  it.each([
    ["a whole-url reference", parse({ name: "s", type: "slack", url: "${SLACK_URL}" }), { url: env.SLACK_URL }],
    ["references inside a url and a header", parse({ name: "w", type: "webhook", url: "https://example.test/hook?token=${TOKEN}", headers: { Authorization: "Bearer ${TOKEN}", "X-Plain": "as is" } }),
      { url: "https://example.test/hook?token=tok-123456789", headers: { Authorization: "Bearer tok-123456789", "X-Plain": "as is" } }],
    ["smtp username and password", parse({ name: "e", type: "email", smtp: { host: "smtp.example.test", username: "alerts", password: "${SMTP_PASS}" }, from: "q@example.test", to: ["o@example.test"] }),
      { smtp: { host: "smtp.example.test", port: 587, secure: false, username: "alerts", password: "hunter2!" } }],
    ["no references at all", parse({ name: "a", type: "alertmanager", url: "http://am:9093" }), { url: "http://am:9093", headers: {} }],
  ])("expands %s", (_case, settings, expected) => {
    expect(resolveSecrets(settings, env)).toMatchObject(expected);
  });

  it("leaves the input untouched", () => {
    const settings = parse({ name: "w", type: "webhook", url: "${SLACK_URL}", headers: { A: "${TOKEN}" } });
    resolveSecrets(settings, env);
    expect(settings).toMatchObject({ url: "${SLACK_URL}", headers: { A: "${TOKEN}" } });
  });

  it.each([
    ["an unset variable in the url", parse({ name: "s", type: "slack", url: "${NOPE}" }), "NOPE", "url"],
    ["an empty variable in a header", parse({ name: "w", type: "webhook", url: "http://x.test", headers: { A: "Bearer ${EMPTY}" } }), "EMPTY", "header A"],
    ["an unset smtp password", parse({ name: "e", type: "email", smtp: { host: "h", password: "${NOPE}" }, from: "a@b", to: ["c@d"] }), "NOPE", "smtp.password"],
  ])("refuses %s, naming the variable and never a value", (_case, settings, variable, field) => {
    const error = (() => {
      try {
        resolveSecrets(settings, env);
      } catch (caught) {
        return caught;
      }
      throw new Error("resolveSecrets did not throw");
    })();
    expect(error).toBeInstanceOf(MissingSecretError);
    expect((error as MissingSecretError).variable).toBe(variable);
    expect((error as Error).message).toContain(variable);
    expect((error as Error).message).toContain(field);
    expect((error as Error).message).not.toMatch(/tok-|hunter2|XXXX/);
  });
});

describe("secretFragments", () => {
  it.each([
    ["a Slack URL: the path and its token segments, not the host", parse({ name: "s", type: "slack", url: env.SLACK_URL }),
      "POST https://hooks.slack.com/services/T0001/B0002/XXXXyyyyZZZZ failed; path /services/T0001/B0002/XXXXyyyyZZZZ; token XXXXyyyyZZZZ; host hooks.slack.com",
      "POST *** failed; path ***; token ***; host hooks.slack.com"],
    ["a query token, also percent-decoded", parse({ name: "w", type: "webhook", url: "http://127.0.0.1:9/hook?token=SECRET%2F123" }),
      "no route for /hook?token=SECRET%2F123 (token SECRET/123)", "no route for *** (token ***)"],
    ["header values and their long words", parse({ name: "w", type: "webhook", url: "http://x.test/", headers: { Authorization: "Bearer abcdefghijkl" } }),
      "sent Bearer abcdefghijkl, then abcdefghijkl", "sent ***, then ***"],
    ["the SMTP password, however short", parse({ name: "e", type: "email", smtp: { host: "h", username: "alerts", password: "pw" }, from: "a@b", to: ["c@d"] }),
      "535 auth failed for alerts/pw", "535 auth failed for alerts/***"],
    ["a URL's password", parse({ name: "a", type: "alertmanager", url: "https://user:s3cr3t@am.example.test" }),
      "connect to https://user:s3cr3t@am.example.test/ failed", "connect to *** failed"],
  ])("covers %s", (_case, settings, text, scrubbed) => {
    expect(redactSecrets(text, secretFragments(settings))).toBe(scrubbed);
  });

  it("keeps short path segments such as 'hook' and 'v1' (they are not tokens)", () => {
    const fragments = secretFragments(parse({ name: "w", type: "webhook", url: "http://x.test/v1/hook" }));
    expect(fragments).not.toContain("hook");
    expect(fragments).not.toContain("v1");
    expect(fragments).toContain("/v1/hook");
  });
});
