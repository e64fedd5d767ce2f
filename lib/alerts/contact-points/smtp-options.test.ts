import { describe, expect, it } from "vitest";
import { emailContactPointSchema } from "@/lib/alerts/contact-point-schema";
import { isLoopbackHost, smtpTransportOptions } from "./smtp-options";

const smtp = (input: Record<string, unknown>) => emailContactPointSchema.parse({ name: "m", type: "email", smtp: input, from: "q@x.test", to: ["o@x.test"] }).smtp;

describe("isLoopbackHost", () => {
  it.each([
    ["localhost", true], ["LOCALHOST.", true], ["127.0.0.1", true], ["127.5.6.7", true], ["::1", true], ["[::1]", true],
    ["128.0.0.1", false], ["127.example.test", false], ["smtp.example.test", false], ["10.0.0.1", false], ["::2", false],
  ])("%s → %s", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe("smtpTransportOptions", () => {
  it.each([
    ["a remote host requires TLS by default", { host: "smtp.example.test" }, { requireTLS: true, ignoreTLS: false, port: 587, secure: false }],
    ["a remote host may opt out", { host: "smtp.example.test", requireTls: false }, { requireTLS: false, ignoreTLS: false }],
    ["loopback talks plain SMTP by default", { host: "127.0.0.1", port: 2525 }, { requireTLS: false, ignoreTLS: true, port: 2525 }],
    ["loopback may still require TLS", { host: "localhost", requireTls: true }, { requireTLS: true, ignoreTLS: false }],
    ["credentials become auth", { host: "h.test", username: "u", password: "p" }, { auth: { user: "u", pass: "p" } }],
    ["port 465 with TLS from the first byte", { host: "h.test", port: 465, secure: true }, { port: 465, secure: true }],
  ])("%s", (_case, input, expected) => {
    expect(smtpTransportOptions(smtp(input), 5000)).toMatchObject({ ...expected, connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 5000 });
  });

  it("sends no auth without a username", () => {
    expect(smtpTransportOptions(smtp({ host: "h.test" }), 5000)).not.toHaveProperty("auth");
  });
});
