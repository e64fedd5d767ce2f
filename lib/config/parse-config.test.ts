import { describe, expect, it } from "vitest";
import { allowedKeysAt, ConfigError, EXAMPLE_CONFIG, parseConfig } from "./parse-config";
import { kafkaClusterSchema, topLevelSchema } from "./schema";

const valid = `
pollIntervalSeconds: 10
clusters:
  - id: local-kafka
    name: Local Kafka
    kind: kafka
    brokers: ["127.0.0.1:9092"]
    pollIntervalSeconds: 5
  - id: local-rabbitmq
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    amqpUrl: amqp://127.0.0.1:5672
    username: guest
    password: \${RABBITMQ_PASSWORD}
`;

const kafka = "  - {id: k, kind: kafka, brokers: ['h:1']}\n";

function errorOf(text: string, env: Record<string, string> = {}): string {
  try {
    parseConfig(text, "/etc/qw.yaml", env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

/** The problem lines of an "invalid configuration" message, without the "  - " bullets. */
function problemsOf(message: string): string[] {
  const [first, ...rest] = message.split("\n");
  expect(first).toBe("/etc/qw.yaml: invalid configuration:");
  return rest.filter((line) => line.startsWith("  - ")).map((line) => line.slice(4));
}

describe("parseConfig", () => {
  it("parses the documented example and substitutes ${ENV} secrets", () => {
    const config = parseConfig(valid, "qw.yaml", { RABBITMQ_PASSWORD: "s3cret" });
    expect(config.pollIntervalSeconds).toBe(10);
    expect(config.clusters).toHaveLength(2);
    expect(config.clusters[1]).toMatchObject({ kind: "rabbitmq", password: "s3cret" });
    expect(config.clusters[0]).toMatchObject({ kind: "kafka", brokers: ["127.0.0.1:9092"] });
  });

  it("parses the example shown in error messages", () => {
    expect(parseConfig(EXAMPLE_CONFIG, "qw.yaml", { RABBITMQ_PASSWORD: "guest" }).clusters.map((c) => c.id)).toEqual(["local-kafka", "local-rabbitmq"]);
  });

  it("defaults the poll interval and the retention", () => {
    const config = parseConfig(`clusters:\n${kafka}`, "qw.yaml", {});
    expect(config.pollIntervalSeconds).toBe(10);
    expect(config.retention).toEqual({ rawDays: 7, oneMinuteDays: 35, oneHourDays: 400 });
    expect(parseConfig(`retention: {rawDays: 2}\nclusters:\n${kafka}`, "qw.yaml", {}).retention).toEqual({ rawDays: 2, oneMinuteDays: 35, oneHourDays: 400 });
  });

  it("defaults auth to login required, and reads the OIDC block with its secret from the environment", () => {
    expect(parseConfig(`clusters:\n${kafka}`, "qw.yaml", {}).auth).toEqual({ anonymousRole: "none", sessionIdleMinutes: 720, sessionMaxHours: 168 });
    const oidc = parseConfig(`auth:\n  publicUrl: https://qw.example\n  oidc: {issuer: "https://idp.example", clientId: qw, clientSecret: "\${S}", roleMapping: {ops: operator}}\nclusters:\n${kafka}`, "qw.yaml", { S: "s3cret" }).auth.oidc;
    expect(oidc).toMatchObject({ clientSecret: "s3cret", roleClaim: "groups", roleMapping: { ops: "operator" }, allowInsecureHttp: false });
  });

  it.each([
    ["an empty file", ""],
    ["a file of comments", "# nothing yet\n"],
    ["an empty mapping", "{}"],
  ])("refuses %s with an example config", (_name, text) => {
    const message = errorOf(text);
    expect(message.split("\n")[0]).toBe("/etc/qw.yaml: the configuration is empty. A minimal one watches the local Kafka and RabbitMQ:");
    expect(message).toContain("    clusters:\n      - id: local-kafka\n        kind: kafka");
  });

  it.each([
    ["no clusters key", "pollIntervalSeconds: 5\n"],
    ["an empty cluster list", "clusters: []\n"],
    ["a clusters key with nothing under it", "clusters:\n"],
  ])("refuses %s with an example config", (_name, text) => {
    const message = errorOf(text);
    expect(problemsOf(message)).toEqual(["clusters: no clusters configured: Queuewatch needs at least one to watch"]);
    expect(message).toContain("\nFor example:\n    pollIntervalSeconds: 10\n    clusters:\n");
  });

  it.each<[string, string, Record<string, string>, string[]]>([
    ["a missing env var", valid, {}, ["clusters[1].password: environment variable RABBITMQ_PASSWORD is not set"]],
    ["an unknown kind", "clusters:\n  - id: a\n    kind: nats\n", {}, ["clusters[0].kind: must be one of kafka, rabbitmq"]],
    ["a missing kind", "clusters:\n  - id: a\n", {}, ["clusters[0].kind: is missing; one of kafka, rabbitmq"]],
    ["a misspelt kind", "clusters:\n  - {id: a, kind: rabbitqm}\n", {}, ["clusters[0].kind: must be one of kafka, rabbitmq; did you mean `rabbitmq`?"]],
    ["clusters that are not a list", "clusters: kafka\n", {}, ["clusters: Invalid input: expected array, received string"]],
    ["a cluster that is not a mapping", "clusters:\n  - kafka\n", {}, ["clusters[0]: must be a mapping with id, kind and the kind's settings"]],
    ["a bad slug", "clusters:\n  - id: Bad Id\n    kind: kafka\n    brokers: ['h:1']\n", {}, ["clusters[0].id: must be a slug: lowercase letters, digits and '-', starting with a letter or digit"]],
    ["a broker without port", "clusters:\n  - id: a\n    kind: kafka\n    brokers: ['localhost']\n", {}, ["clusters[0].brokers[0]: must be host:port"]],
    ["no brokers", "clusters:\n  - id: a\n    kind: kafka\n    brokers: []\n", {}, ["clusters[0].brokers: needs at least one broker"]],
    ["an unknown anonymous role", `auth: {anonymousRole: admin}\nclusters:\n${kafka}`, {}, ['auth.anonymousRole: Invalid option: expected one of "none"|"viewer"']],
    ["an OIDC block without client and an http issuer as a bare host", `auth:\n  oidc: {issuer: idp.example}\nclusters:\n${kafka}`, {}, ["auth.oidc.issuer: must be a URL with a scheme, e.g. http://idp.example", "auth.oidc.clientId: is missing (expected string)", "auth.oidc.clientSecret: is missing (expected string)"]],
    ["OIDC without a public URL", `auth:\n  oidc: {issuer: "https://idp.example", clientId: qw, clientSecret: s}\nclusters:\n${kafka}`, {}, ["auth.publicUrl: is required with oidc: the redirect URI registered at the provider is <publicUrl>/api/auth/oidc/callback"]],
    ["an OIDC secret from an unset variable", `auth:\n  publicUrl: https://qw.example\n  oidc: {issuer: "https://idp.example", clientId: qw, clientSecret: "\${OIDC_SECRET}"}\nclusters:\n${kafka}`, {}, ["auth.oidc.clientSecret: environment variable OIDC_SECRET is not set"]],
    ["a mapping to a role that does not exist", `auth:\n  publicUrl: https://qw.example\n  oidc: {issuer: "https://idp.example", clientId: qw, clientSecret: s, roleMapping: {ops: root}}\nclusters:\n${kafka}`, {}, ['auth.oidc.roleMapping.ops: Invalid option: expected one of "viewer"|"operator"|"admin"']],
    ["a misspelt top-level key", `pollIntervalSecond: 5\nclusters:\n${kafka}`, {}, ["pollIntervalSecond: unknown key; did you mean `pollIntervalSeconds`?"]],
    ["a misspelt cluster key", "clusters:\n  - {id: k, kind: kafka, borkers: ['h:1']}\n", {}, ["clusters[0].brokers: is missing (expected array)", "clusters[0].borkers: unknown key; did you mean `brokers`?"]],
    ["a misspelt key in a nested block", "clusters:\n  - {id: k, kind: kafka, brokers: ['h:1'], sasl: {mechanism: plain, username: u, passwd: p}}\n", {}, ["clusters[0].sasl.password: is missing (expected string)", "clusters[0].sasl.passwd: unknown key; did you mean `password`?"]],
    ["a key of the other kind", "clusters:\n  - {id: k, kind: kafka, brokers: ['h:1'], username: u}\n", {}, ["clusters[0].username: unknown key; allowed here: id, name, kind, brokers, ssl, sasl, pollIntervalSeconds, offsetFetchConcurrency, deadLetterTopics"]],
    ["a zero interval", `pollIntervalSeconds: 0\nclusters:\n${kafka}`, {}, ["pollIntervalSeconds: Too small: expected number to be >=1"]],
    ["a zero retention", `retention: {oneHourDays: 0}\nclusters:\n${kafka}`, {}, ["retention.oneHourDays: Too small: expected number to be >=1"]],
    ["an unknown retention tier", `retention: {weekly: 3}\nclusters:\n${kafka}`, {}, ["retention.weekly: unknown key; allowed here: rawDays, oneMinuteDays, oneHourDays"]],
    ["a duplicate id", "clusters:\n  - {id: a, kind: kafka, brokers: ['h:1']}\n  - {id: a, kind: kafka, brokers: ['h:2']}\n", {}, ['clusters[1].id: duplicate cluster id "a"']],
    ["a management URL without a scheme", "clusters:\n  - {id: r, kind: rabbitmq, managementUrl: '127.0.0.1:15672', username: u, password: p}\n", {}, ["clusters[0].managementUrl: must be a URL with a scheme, e.g. http://127.0.0.1:15672"]],
    ["a host-name management URL without a scheme", "clusters:\n  - {id: r, kind: rabbitmq, managementUrl: 'rabbit.internal:15672', username: u, password: p}\n", {}, ["clusters[0].managementUrl: must be a URL with a scheme, e.g. http://rabbit.internal:15672"]],
    ["a management URL with another scheme", "clusters:\n  - {id: r, kind: rabbitmq, managementUrl: 'ftp://x', username: u, password: p}\n", {}, ["clusters[0].managementUrl: must start with http:// or https://"]],
    ["a broken management URL", "clusters:\n  - {id: r, kind: rabbitmq, managementUrl: 'http://exa mple', username: u, password: p}\n", {}, ["clusters[0].managementUrl: is not a valid URL"]],
    ["a Prometheus URL without a scheme", "clusters:\n  - {id: r, kind: rabbitmq, managementUrl: 'http://h:15672', prometheusUrl: 'h:15692', username: u, password: p}\n", {}, ["clusters[0].prometheusUrl: must be a URL with a scheme, e.g. http://h:15692"]],
    ["an AMQP URL without a scheme", "clusters:\n  - {id: r, kind: rabbitmq, managementUrl: 'http://h:15672', amqpUrl: 'h:5672', username: u, password: p}\n", {}, ["clusters[0].amqpUrl: must be a URL with a scheme, e.g. amqp://h:5672"]],
  ])("rejects %s, naming the field and the reason", (_name, text, env, problems) => {
    expect(problemsOf(errorOf(text, env))).toEqual(problems);
  });

  it("reports every problem at once: an unset variable hides nothing, a bad kind hides nothing", () => {
    const text = `
pollIntervalSecond: 5
retention: {rawDays: 0}
clusters:
  - id: Bad
    kind: kafak
    brokers: [nohost]
    pollIntervalSeconds: 0
  - id: r
    kind: rabbitmq
    managementUrl: \${RABBIT_URL}
    username: guest
    password: \${RABBIT_PASSWORD}
    noConsumersAfterSecond: 10
  - id: k2
    kind: kafka
    brokers: ["127.0.0.1"]
  - {id: k2, kind: kafka, brokers: ["h:1"]}
`;
    expect(problemsOf(errorOf(text))).toEqual([
      "clusters[1].managementUrl: environment variable RABBIT_URL is not set",
      "clusters[1].password: environment variable RABBIT_PASSWORD is not set",
      "retention.rawDays: Too small: expected number to be >=1",
      "pollIntervalSecond: unknown key; did you mean `pollIntervalSeconds`?",
      "clusters[0].kind: must be one of kafka, rabbitmq; did you mean `kafka`?",
      "clusters[0].id: must be a slug: lowercase letters, digits and '-', starting with a letter or digit",
      "clusters[0].pollIntervalSeconds: Too small: expected number to be >=1",
      "clusters[1].noConsumersAfterSecond: unknown key; did you mean `noConsumersAfterSeconds`?",
      "clusters[2].brokers[0]: must be host:port",
      'clusters[3].id: duplicate cluster id "k2"',
    ]);
  });

  it("reads the dead-letter settings and names a bad regex, flag or topic pattern", () => {
    const config = parseConfig(`deadLetters:\n  masking: [{path: customer.email}, {regex: "\\\\d{16}", flags: i}]\nclusters:\n  - {id: k, kind: kafka, brokers: ['h:1'], deadLetterTopics: ["{topic}-dead"]}\n`, "/etc/qw.yaml", {});
    expect(config.deadLetters).toEqual({ masking: [{ path: "customer.email" }, { regex: "\\d{16}", flags: "i" }], maskedFor: "viewer", maxReplays: 3, previewBytes: 65536 });
    expect(config.clusters[0]).toMatchObject({ deadLetterTopics: ["{topic}-dead"] });
    const problems = problemsOf(errorOf(`deadLetters:\n  masking: [{regex: "(unclosed"}, {regex: a, flags: g}]\nclusters:\n  - {id: k, kind: kafka, brokers: ['h:1'], deadLetterTopics: ["*"]}\n`));
    expect(problems.join("\n")).toMatch(/deadLetters\.masking\[0\].*not a valid regular expression/);
    expect(problems.join("\n")).toMatch(/may only use the flags i, m, s and u/);
    expect(problems.join("\n")).toMatch(/deadLetterTopics\[0\].*matches every topic/);
  });

  it("keeps YAML errors apart, one line each", () => {
    const message = errorOf("clusters: [\n  - id: x");
    expect(message.split("\n")[0]).toBe("/etc/qw.yaml: invalid YAML:");
    expect(message.split("\n").length).toBeGreaterThan(1);
  });
});

describe("allowedKeysAt", () => {
  it.each<[string, Parameters<typeof allowedKeysAt>[0], (string | number)[], string[]]>([
    ["top level", topLevelSchema, [], ["pollIntervalSeconds", "auth", "retention", "alerts", "deadLetters", "clusters"]],
    ["retention (behind a default)", topLevelSchema, ["retention"], ["rawDays", "oneMinuteDays", "oneHourDays"]],
    ["sasl (behind optional)", kafkaClusterSchema, ["sasl"], ["mechanism", "username", "password"]],
    ["ssl (boolean or files)", kafkaClusterSchema, ["ssl"], ["ca", "cert", "key", "rejectUnauthorized"]],
    ["not an object", kafkaClusterSchema, ["brokers"], []],
  ])("%s", (_name, schema, path, keys) => {
    expect(allowedKeysAt(schema, path)).toEqual(keys);
  });
});
