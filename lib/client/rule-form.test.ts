import { describe, expect, it } from "vitest";
import { ruleInputSchema, type RuleInput } from "@/lib/alerts/rule-schema";
import { backtestableRule, emptyRuleForm, fieldOfIssue, formToRawInput, matcherLabels, metricGroups, parseThreshold, ruleToForm, UNNAMED_RULE, validateRuleForm, type RuleForm } from "./rule-form";

const rule = (input: Record<string, unknown>): RuleInput => ruleInputSchema.parse({ name: "OrdersBacklog", metric: "rabbitmq_queue_messages", op: ">", threshold: 100, ...input });

const validForm = (changes: Partial<RuleForm> = {}): RuleForm => ({ ...emptyRuleForm(), name: "GroupLag", threshold: "10000", ...changes });

describe("ruleToForm / validateRuleForm round trip", () => {
  it.each([
    ["a bare rule", rule({})],
    ["globs stay globs, explicit matchers stay matchers", rule({ match: { queue: "orders*", cluster: "prod" }, matchers: [{ label: "vhost", op: "!=", value: "/test" }, { label: "queue", op: "=~", value: "a|b" }] })],
    ["every field set", rule({
      for: "5m", keepFiringFor: "10m", severity: "critical", labels: { team: "payments" },
      annotations: { summary: "{{ $labels.queue }} has {{ $value | humanize }}", description: "d", runbook_url: "https://runbooks/x", dashboard: "https://grafana/x" },
      noData: "alert", error: "keep", notify: ["oncall"], enabled: false,
    })],
  ])("%s", (_name, input) => {
    const validation = validateRuleForm(ruleToForm(input));
    expect(validation).toEqual({ ok: true, rule: input });
  });

  it("puts annotations without a field of their own into key/value rows", () => {
    const form = ruleToForm(rule({ annotations: { summary: "s", dashboard: "https://d" } }));
    expect(form.annotations).toEqual({ summary: "s", description: "", runbook_url: "" });
    expect(form.otherAnnotations).toEqual([{ key: "dashboard", value: "https://d" }]);
  });
});

describe("formToRawInput", () => {
  it("skips blank rows and blank texts, and leaves blank durations to the schema's default", () => {
    const { raw, errors } = formToRawInput(validForm({
      matchers: [{ label: "", op: "=", value: "" }, { label: "group", op: "glob", value: "orders-*" }],
      labels: [{ key: "", value: "" }, { key: "team", value: "a" }],
      for: " ",
      keepFiringFor: "",
    }));
    expect(errors).toEqual({});
    expect(raw).toMatchObject({ match: { group: "orders-*" }, matchers: [], labels: { team: "a" }, annotations: {} });
    expect(raw).not.toHaveProperty("for");
    expect(ruleInputSchema.parse(raw).for).toBe("0s");
  });

  it.each([
    ["a threshold that is not a number", { threshold: "10k" }, "threshold", '"10k" is not a number'],
    ["no threshold", { threshold: "" }, "threshold", "enter the threshold the value is compared with"],
    ["two globs on one label", { matchers: [{ label: "group", op: "glob", value: "a*" }, { label: "group", op: "glob", value: "b*" }] }, "matchers", 'only one glob per label: "group" has two'],
    ["a matcher without a label", { matchers: [{ label: "", op: "=", value: "x" }] }, "matchers", 'choose a label for the matcher on "x"'],
    ["a label given twice", { labels: [{ key: "team", value: "a" }, { key: "team", value: "b" }] }, "labels", '"team" is set twice'],
    ["an annotation row shadowing a field", { otherAnnotations: [{ key: "summary", value: "x" }] }, "annotations", '"summary" has its own field above'],
  ] as const)("reports %s", (_name, changes, field, message) => {
    const validation = validateRuleForm(validForm(changes as Partial<RuleForm>));
    expect(validation.ok).toBe(false);
    if (!validation.ok) expect(validation.errors[field]).toContain(message);
  });
});

describe("validateRuleForm with the schema's own checks", () => {
  it("reports a label the metric does not have under matchers", () => {
    const validation = validateRuleForm(validForm({ matchers: [{ label: "queue", op: "=", value: "x" }] }));
    expect(validation.ok).toBe(false);
    if (!validation.ok) expect(validation.errors.matchers?.[0]).toMatch(/kafka_group_lag has no label "queue"/);
  });

  it("reports a template problem under its own annotation, and a reserved label with its key", () => {
    const validation = validateRuleForm(validForm({ annotations: { summary: "{{ $nope }}", description: "", runbook_url: "" }, labels: [{ key: "severity", value: "x" }] }));
    expect(validation.ok).toBe(false);
    if (!validation.ok) {
      expect(validation.errors["annotations.summary"]?.[0]).toMatch(/unknown expression/);
      expect(validation.errors.labels?.[0]).toMatch(/^severity: /);
    }
  });

  it("reports a label name that is not one in the schema's words", () => {
    const validation = validateRuleForm(validForm({ labels: [{ key: "my team", value: "x" }] }));
    expect(validation.ok).toBe(false);
    if (!validation.ok) expect(validation.errors.labels).toEqual(["my team: must be a label name: letters, digits and '_'"]);
  });

  it("reports a bad duration and a missing name in the form's words", () => {
    const validation = validateRuleForm(validForm({ name: "", for: "5 minutes" }));
    expect(validation).toEqual({ ok: false, errors: { name: ["enter a name"], for: ['must be a duration such as 30s, 5m or 4h (got "5 minutes")'] } });
  });

  it("reports every problem at once: the schema's cross-field checks too while simple fields are wrong", () => {
    const validation = validateRuleForm(validForm({
      name: "bad/name", threshold: "abc", for: "soon",
      matchers: [{ label: "group", op: "=~", value: "orders-(" }],
      annotations: { summary: "{{ $oops }}", description: "", runbook_url: "" },
    }));
    expect(validation.ok).toBe(false);
    if (!validation.ok) {
      expect(Object.keys(validation.errors).sort()).toEqual(["annotations.summary", "for", "matchers", "name", "threshold"]);
      expect(validation.errors.threshold).toEqual(['"abc" is not a number']);
      expect(validation.errors.matchers?.[0]).toMatch(/^label group: invalid regex "orders-\("/);
    }
  });

  it("parses thresholds as people type them", () => {
    expect([parseThreshold("10000"), parseThreshold(" 1e4 "), parseThreshold("10_000"), parseThreshold("-0.5"), parseThreshold(""), parseThreshold("abc"), parseThreshold("Infinity")]).toEqual([10000, 10000, 10000, -0.5, null, null, null]);
  });
});

describe("fieldOfIssue", () => {
  it.each([
    [[], "form"],
    [["name"], "name"],
    [["match"], "matchers"],
    [["matchers", 0, "value"], "matchers"],
    [["annotations", "summary"], "annotations.summary"],
    [["annotations", "dashboard"], "annotations"],
    [["labels", "team"], "labels"],
  ] as const)("%j → %s", (path, field) => {
    expect(fieldOfIssue(path)).toBe(field);
  });
});

describe("backtestableRule", () => {
  it("runs before the rule is named and ignores texts, labels and notify", () => {
    const form = validForm({ name: "", notify: ["x y z ??"], annotations: { summary: "{{ $bad }}", description: "", runbook_url: "" }, enabled: false });
    expect(backtestableRule(form)).toMatchObject({ name: UNNAMED_RULE, metric: "kafka_group_lag", threshold: 10000, notify: [], annotations: {}, enabled: true });
  });

  it("is null while the condition is not valid", () => {
    expect(backtestableRule(validForm({ threshold: "" }))).toBeNull();
    expect(backtestableRule(validForm({ for: "soon" }))).toBeNull();
  });
});

describe("metric catalog helpers", () => {
  it("groups metrics by system and offers cluster plus the metric's labels", () => {
    expect(metricGroups().map((g) => g.label)).toEqual(["Queuewatch", "Kafka", "RabbitMQ"]);
    expect(matcherLabels("rabbitmq_queue_messages")).toEqual(["cluster", "vhost", "queue"]);
    expect(matcherLabels("kafka_offline_partitions")).toEqual(["cluster"]);
    expect(matcherLabels("nope")).toEqual(["cluster"]);
  });
});
