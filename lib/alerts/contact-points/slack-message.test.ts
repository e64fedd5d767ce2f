import { describe, expect, it } from "vitest";
import type { NotifiedAlert } from "@/lib/alerts/alertmanager-format";
import type { GroupNotification } from "@/lib/alerts/notification";
import { SLACK_LIMITS, slackMessage, type SlackBlock, type SlackMessage } from "./slack-message";

const alert = (overrides: Partial<NotifiedAlert> = {}): NotifiedAlert => ({
  status: "firing",
  labels: { alertname: "KafkaGroupLagHigh", cluster: "prod-kafka", group: "orders" },
  annotations: { summary: "orders lag 12000 > 10000", description: "total lag of group orders", runbook_url: "https://runbooks.test/lag" },
  startsAt: new Date("2026-12-07T15:34:39.000Z"),
  endsAt: null,
  generatorURL: "http://qw.test/clusters/prod-kafka/groups/orders",
  ...overrides,
});
const notify = (alerts: NotifiedAlert[]): GroupNotification => ({
  receiver: "slack", routeKey: "{}", groupLabels: { alertname: "KafkaGroupLagHigh", cluster: "prod-kafka" }, alerts, externalURL: "http://qw.test", now: new Date(0),
});

const textOf = (block: SlackBlock | undefined): string =>
  block === undefined ? "" : block.type === "context" ? block.elements.map((element) => element.text).join("\n") : block.text.text;
const sections = (message: SlackMessage) => message.blocks.filter((block) => block.type === "section").map(textOf);

/** Slack's limits, which every message must keep. */
function expectWithinLimits(message: SlackMessage): void {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(message.blocks[0]?.type).toBe("header");
  expect(textOf(message.blocks[0]).length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
  for (const block of message.blocks) if (block.type !== "header") expect(textOf(block).length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
}

describe("slackMessage", () => {
  it("shows the title, each alert's summary, description, links, and the common labels", () => {
    const message = slackMessage(notify([alert()]));
    expectWithinLimits(message);
    expect(message.text).toBe("[FIRING:1] KafkaGroupLagHigh prod-kafka (orders)");
    expect(textOf(message.blocks[0])).toBe("[FIRING:1] KafkaGroupLagHigh prod-kafka (orders)");
    expect(sections(message)).toEqual([
      "*FIRING* · *KafkaGroupLagHigh*\norders lag 12000 &gt; 10000\ntotal lag of group orders\nstarted 2026-12-07T15:34:39Z\n" +
        "<http://qw.test/clusters/prod-kafka/groups/orders|Open in Queuewatch> · <https://runbooks.test/lag|Runbook>",
    ]);
    expect(textOf(message.blocks.at(-1))).toBe("alertname=KafkaGroupLagHigh · cluster=prod-kafka · group=orders\n<http://qw.test|Queuewatch>");
  });

  it.each([
    ["& < > in annotations", alert({ annotations: { summary: "a < b & c > d" } }), "a &lt; b &amp; c &gt; d", "a < b"],
    ["a hostile label value", alert({ labels: { alertname: "X", group: "<!channel> <https://evil.test|click>" } }), "&lt;!channel&gt; &lt;https://evil.test|click&gt;", "<!channel>"],
    ["| and > inside a link", alert({ generatorURL: "http://qw.test/a|b>c" }), "<http://qw.test/a%7Cb&gt;c|Open in Queuewatch>", "a|b"],
    ["a runbook that is not http(s)", alert({ annotations: { runbook_url: "javascript:alert(1)" } }), "Runbook: javascript:alert(1)", "<javascript:"],
    ["a resolved alert", alert({ status: "resolved", endsAt: new Date("2026-12-07T15:40:00.5Z") }), "*RESOLVED* · *KafkaGroupLagHigh*", "*FIRING*"],
    ["a resolved alert's end", alert({ status: "resolved", endsAt: new Date("2026-12-07T15:40:00.5Z") }), "ended 2026-12-07T15:40:00.5Z", "ended 0001"],
  ])("escapes and formats %s", (_case, input, present, absent) => {
    const message = slackMessage(notify([input, alert({ labels: { alertname: "KafkaGroupLagHigh", group: "other" } })]));
    expectWithinLimits(message);
    expect(sections(message)[0]).toContain(present);
    expect(sections(message)[0]).not.toContain(absent);
  });

  it("cuts a long header to 150 characters", () => {
    const message = slackMessage({ ...notify([alert()]), groupLabels: { alertname: "x".repeat(300) } });
    expectWithinLimits(message);
    expect(textOf(message.blocks[0])).toHaveLength(150);
    expect(textOf(message.blocks[0]).endsWith("…")).toBe(true);
  });

  it("cuts a long description to fit the section, keeping the links whole and no entity split", () => {
    const message = slackMessage(notify([alert({ annotations: { description: "&".repeat(5000), runbook_url: "https://runbooks.test/lag" } })]));
    expectWithinLimits(message);
    const [section = ""] = sections(message);
    expect(section.endsWith("<https://runbooks.test/lag|Runbook>")).toBe(true);
    expect(section).toMatch(/(&amp;)+…\n</);
  });

  it("shows at most 48 alerts in 50 blocks and says how many are not shown", () => {
    const alerts = Array.from({ length: 100 }, (_, i) => alert({ labels: { alertname: "KafkaGroupLagHigh", group: `g${i}` } }));
    const message = slackMessage(notify(alerts));
    expectWithinLimits(message);
    expect(message.blocks).toHaveLength(50);
    expect(sections(message)).toHaveLength(48);
    expect(textOf(message.blocks.at(-1))).toContain("52 more alerts not shown");
  });

  it("adds no link line for an alert without URLs", () => {
    const [section] = sections(slackMessage(notify([alert({ annotations: { summary: "s" }, generatorURL: "" })])));
    expect(section).toBe("*FIRING* · *KafkaGroupLagHigh*\ns\nstarted 2026-12-07T15:34:39Z");
  });

  it("never sends an empty context block", () => {
    const message = slackMessage({ ...notify([alert({ labels: { alertname: "A" } }), alert({ labels: { group: "b" } })]), externalURL: "" });
    expect(message.blocks.map((block) => block.type)).toEqual(["header", "section", "section"]);
  });
});
