import { describe, expect, it } from "vitest";
import { forEachSample, metricTypes, type PromSample, unescapeLabelValue } from "./prometheus-text";

/** Runs the parser and collects what it visited. */
function parse(text: string, wanted?: (name: string) => boolean): { samples: PromSample[]; counts: { samples: number; malformed: number } } {
  const samples: PromSample[] = [];
  const counts = forEachSample(text, (sample) => samples.push(sample), wanted);
  return { samples, counts };
}

/** Labels of the only sample in a one-line text. */
function labelsOf(line: string): Record<string, string> | undefined {
  const { samples } = parse(line);
  expect(samples).toHaveLength(1);
  return samples[0]?.labels;
}

// Verbatim shape of RabbitMQ 3.10.8's /metrics/detailed (TYPE before HELP, summaries without samples).
const RABBIT_EXCERPT = `# TYPE rabbitmq_detailed_queue_messages_ready gauge
# HELP rabbitmq_detailed_queue_messages_ready Messages ready to be delivered to consumers
rabbitmq_detailed_queue_messages_ready{vhost="qw-research",queue="q2"} 0
rabbitmq_detailed_queue_messages_ready{vhost="qw-research",queue="q1"} 2
# TYPE rabbitmq_detailed_queue_process_reductions_total counter
# HELP rabbitmq_detailed_queue_process_reductions_total Total number of queue process reductions
rabbitmq_detailed_queue_process_reductions_total{vhost="qw-research",queue="q1"} 12514
# TYPE rabbitmq_identity_info untyped
# HELP rabbitmq_identity_info RabbitMQ node & cluster identity info
rabbitmq_identity_info{rabbitmq_node="rabbit@localhost",rabbitmq_cluster="rabbit@vm",rabbitmq_cluster_permanent_id="rabbitmq-cluster-id-oKTPbZPGUnlzMExzA9GquA"} 1
# TYPE telemetry_scrape_size_bytes summary
# HELP telemetry_scrape_size_bytes Scrape size, not encoded

`;

describe("forEachSample", () => {
  it("reads RabbitMQ's output: names, labels in order, values; comments are neither samples nor malformed", () => {
    const { samples, counts } = parse(RABBIT_EXCERPT);
    expect(counts).toEqual({ samples: 4, malformed: 0 });
    expect(samples[0]).toEqual({ name: "rabbitmq_detailed_queue_messages_ready", labels: { vhost: "qw-research", queue: "q2" }, value: 0 });
    expect(samples[2]).toEqual({ name: "rabbitmq_detailed_queue_process_reductions_total", labels: { vhost: "qw-research", queue: "q1" }, value: 12514 });
    expect(samples[3]?.labels.rabbitmq_cluster_permanent_id).toBe("rabbitmq-cluster-id-oKTPbZPGUnlzMExzA9GquA");
  });

  it.each([
    ["rabbitmq_queues 6", "rabbitmq_queues", 6],
    ["rabbitmq_queues{} 6", "rabbitmq_queues", 6],
    ["node:recording_rule 3", "node:recording_rule", 3],
    ["  indented_metric\t7", "indented_metric", 7],
  ])("no-label line %j", (line, name, value) => {
    expect(parse(line).samples).toEqual([{ name, labels: {}, value }]);
  });

  it.each([
    ["0", 0],
    ["42", 42],
    ["-3", -3],
    ["0.9844339632343463", 0.9844339632343463],
    ["1.5e+06", 1_500_000],
    ["2E-3", 0.002],
    ["+Inf", Infinity],
    ["Inf", Infinity],
    ["-Inf", -Infinity],
    ["NaN", NaN],
  ])("value %s → %d", (text, value) => {
    expect(parse(`m{queue="q"} ${text}`).samples[0]?.value).toBe(value);
  });

  it.each([
    ["m 5 1700000000000", {}, 5],
    ['m{queue="q"} 5 1700000000000', { queue: "q" }, 5],
    ['m{queue="q"} NaN -12  ', { queue: "q" }, NaN],
  ])("ignores a trailing timestamp: %j", (line, labels, value) => {
    expect(parse(line)).toEqual({ samples: [{ name: "m", labels, value }], counts: { samples: 1, malformed: 0 } });
  });

  it("keeps escaped label values raw (unescapeLabelValue decodes them)", () => {
    const raw = String.raw`a\"b\\c\nd`;
    expect(labelsOf(`m{vhost="v",queue="${raw}"} 1`)).toEqual({ vhost: "v", queue: raw });
    expect(unescapeLabelValue(raw)).toBe('a"b\\c\nd');
  });

  it("reads RabbitMQ 3.10's unescaped quote and backslash (queue we\"ird\\q spé)", () => {
    const labels = labelsOf(String.raw`rabbitmq_detailed_queue_consumers{vhost="qw-research",queue="we"ird\q spé"} 0`);
    expect(labels).toEqual({ vhost: "qw-research", queue: String.raw`we"ird\q spé` });
    expect(unescapeLabelValue(labels?.queue ?? "")).toBe(String.raw`we"ird\q spé`);
  });

  it.each([
    ['a"} b', 'a"} b'], // `"}` inside a value: only the line's last `"}` closes the label set
    ['a", b', 'a", b'], // `",` not followed by `name="` does not end the value
    [String.raw`ends with \\`, String.raw`ends with \\`], // escaped backslash right before the closing quote
    ["", ""],
  ])("value %j is read back raw", (value, raw) => {
    expect(labelsOf(`m{vhost="v",queue="${value}"} 1`)).toEqual({ vhost: "v", queue: raw });
  });

  it.each(["orders/eu", "50%off", "#not-a-comment", "<script>alert(1)</script>", "файлы 日本語 🐇", "a=b,c", "{}"])("keeps %j intact", (value) => {
    expect(labelsOf(`m{vhost="/",queue="${value}"} 1`)).toEqual({ vhost: "/", queue: value });
  });

  // The documented ambiguity: a value containing `",<labelname>="` is cut there. These tests pin what happens so a
  // change of behaviour is noticed; they do not claim the result is right.
  it("cuts a value that contains `\",<labelname>=\"` (known ambiguity)", () => {
    expect(labelsOf('m{vhost="v",queue="x",foo="y"} 1')).toEqual({ vhost: "v", queue: "x", foo: "y" }); // queue was `x",foo="y`
    expect(parse('m{vhost="v",queue="x",vhost="y"} 1').counts).toEqual({ samples: 0, malformed: 1 }); // repeated name → malformed
  });

  it("keeps labels named like Object.prototype members as plain entries", () => {
    const labels = labelsOf('m{__proto__="p",constructor="c"} 1');
    expect(labels?.["__proto__"]).toBe("p");
    expect(labels?.["constructor"]).toBe("c");
    expect(labelsOf('m{queue="q"} 1')?.toString).toBeUndefined();
  });

  it("handles CRLF line endings and a last line without a newline", () => {
    const { samples, counts } = parse(RABBIT_EXCERPT.replace(/\n/g, "\r\n") + 'last{queue="q"} 9');
    expect(counts).toEqual({ samples: 5, malformed: 0 });
    expect(samples.map((s) => s.value)).toEqual([0, 2, 12514, 1, 9]);
    expect(samples[0]?.labels.queue).toBe("q2");
  });

  it("skips comments and blank lines without counting them", () => {
    expect(parse("\n\n   \n# HELP x y\n#random comment\n  # indented\n\r\n").counts).toEqual({ samples: 0, malformed: 0 });
    expect(parse("").counts).toEqual({ samples: 0, malformed: 0 });
  });

  it("visits only wanted names and never parses the labels of the others", () => {
    const seen: string[] = [];
    const text = `${RABBIT_EXCERPT}rabbitmq_identity_info{broken 1\n`;
    const { samples, counts } = parse(text, (name) => {
      seen.push(name);
      return name === "rabbitmq_detailed_queue_messages_ready";
    });
    expect(samples.map((s) => s.labels.queue)).toEqual(["q2", "q1"]);
    expect(counts).toEqual({ samples: 2, malformed: 0 });
    expect(seen).toContain("rabbitmq_identity_info");
  });

  it.each([
    'm{queue="q" 1', // label set never closed
    "m{queue=q} 1", // unquoted value
    'm{queue="q"}1', // no blank before the value
    'm{queue="q"} ', // no value
    "m", // no value
    "m abc", // not a number
    "m 0x", // not a number
    "m 1 2 3", // more than value + timestamp
    "m 1 later", // timestamp not a number
    'm{9queue="q"} 1', // label name starts with a digit
    'm{queue="} 1', // the only `"}` is the opening quote
    '{queue="q"} 1', // no metric name
    "9metric 1", // metric name starts with a digit
    "m-name 1", // `-` is not a name character
  ])("counts %j as malformed instead of throwing", (line) => {
    expect(parse(`ok 1\n${line}\nok 2`)).toEqual({
      samples: [
        { name: "ok", labels: {}, value: 1 },
        { name: "ok", labels: {}, value: 2 },
      ],
      counts: { samples: 2, malformed: 1 },
    });
  });
});

describe("metricTypes", () => {
  it("reads every `# TYPE` line, including families without samples", () => {
    expect(metricTypes(RABBIT_EXCERPT)).toEqual(
      new Map([
        ["rabbitmq_detailed_queue_messages_ready", "gauge"],
        ["rabbitmq_detailed_queue_process_reductions_total", "counter"],
        ["rabbitmq_identity_info", "untyped"],
        ["telemetry_scrape_size_bytes", "summary"],
      ]),
    );
  });

  it("accepts CRLF and loose blanks, ignores HELP, samples and malformed TYPE lines", () => {
    const text = "#TYPE a counter\r\n  #  TYPE\tb  histogram \r\n# HELP c gauge\r\nd_type 1\r\n# TYPE e\r\n# TYPE f gauge extra\r\n";
    expect(metricTypes(text)).toEqual(
      new Map([
        ["a", "counter"],
        ["b", "histogram"],
      ]),
    );
  });
});

describe("unescapeLabelValue", () => {
  it.each([
    ["plain", "plain"],
    [String.raw`a\\b`, String.raw`a\b`],
    [String.raw`say \"hi\"`, 'say "hi"'],
    [String.raw`line1\nline2`, "line1\nline2"],
    [String.raw`we"ird\q spé`, String.raw`we"ird\q spé`], // unknown escape and raw quote kept
    [String.raw`\\n`, String.raw`\n`], // an escaped backslash followed by n is not a newline
    [String.raw`trailing\\`, "trailing\\"],
    ["lone\\", "lone\\"],
  ])("%j → %j", (raw, decoded) => {
    expect(unescapeLabelValue(raw)).toBe(decoded);
  });
});
