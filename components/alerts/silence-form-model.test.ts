import { describe, expect, it } from "vitest";
import type { AlertInstanceDto } from "@/lib/alerts/alert-dto";
import { alertsMatchedBy, checkSilenceDraft, type SilenceDraft } from "./silence-form-model";

// The API's schema checks the end against the real clock (a silence starts now), so the tests start now too.
const NOW = Date.now();
const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const draft = (over: Partial<SilenceDraft> = {}): SilenceDraft => ({
  matchers: [{ label: "alertname", op: "=", value: "Backlog" }], duration: "1h", customEnd: "", comment: "deploying the consumer", ...over,
});

describe("checkSilenceDraft", () => {
  it.each([
    ["1h", iso(NOW + HOUR)],
    ["4h", iso(NOW + 4 * HOUR)],
    ["1d", iso(NOW + 24 * HOUR)],
  ] as const)("a %s silence ends at %s", (duration, endsAt) => {
    expect(checkSilenceDraft(draft({ duration }), NOW)).toEqual({
      ok: true, input: { matchers: [{ label: "alertname", op: "=", value: "Backlog" }], endsAt, comment: "deploying the consumer" },
    });
  });

  it("takes a custom end and trims label names and the comment", () => {
    const result = checkSilenceDraft(draft({ duration: "custom", customEnd: iso(NOW + 50 * HOUR), comment: "  why  ", matchers: [{ label: " queue ", op: "=~", value: "orders-.*" }] }), NOW);
    expect(result).toEqual({ ok: true, input: { matchers: [{ label: "queue", op: "=~", value: "orders-.*" }], endsAt: iso(NOW + 50 * HOUR), comment: "why" } });
  });

  it.each([
    { name: "no comment", over: { comment: "  " }, field: "comment", message: /say why/ },
    { name: "no custom end", over: { duration: "custom" as const, customEnd: "" }, field: "endsAt", message: /choose when/ },
    { name: "a custom end in the past", over: { duration: "custom" as const, customEnd: iso(NOW - HOUR) }, field: "endsAt", message: /after/ },
    { name: "a custom end over a year away", over: { duration: "custom" as const, customEnd: iso(NOW + 400 * 24 * HOUR) }, field: "endsAt", message: /366 days/ },
    { name: "no matchers", over: { matchers: [] }, field: "general", message: /at least one matcher/ },
    { name: "matches everything", over: { matchers: [{ label: "queue", op: "=~" as const, value: ".*" }] }, field: "general", message: /every alert/ },
  ])("$name", ({ over, field, message }) => {
    const result = checkSilenceDraft(draft(over), NOW);
    if (result.ok) throw new Error("expected problems");
    const found = field === "general" ? result.problems.general.join("; ") : result.problems[field as "comment" | "endsAt"];
    expect(found).toMatch(message);
  });

  it("puts a matcher's problem on its row", () => {
    const result = checkSilenceDraft(draft({ matchers: [{ label: "alertname", op: "=", value: "X" }, { label: "bad label", op: "=", value: "y" }, { label: "queue", op: "=~", value: "(" }] }), NOW);
    if (result.ok) throw new Error("expected problems");
    expect(result.problems.matchers[0]).toBeNull();
    expect(result.problems.matchers[1]).toMatch(/^label: must be a label name/);
    expect(result.problems.matchers[2]).toMatch(/invalid regex/);
  });
});

describe("alertsMatchedBy", () => {
  const alert = (labels: Record<string, string>, state: AlertInstanceDto["state"] = "firing") => ({ labels, state }) as AlertInstanceDto;
  const alerts = [alert({ alertname: "Backlog", queue: "orders" }), alert({ alertname: "Backlog", queue: "payments" }), alert({ alertname: "Backlog", queue: "old" }, "resolved")];
  it("finds the current alerts a silence would mute", () => {
    expect(alertsMatchedBy([{ label: "alertname", op: "=", value: "Backlog" }], alerts)?.map((a) => a.labels.queue)).toEqual(["orders", "payments"]);
    expect(alertsMatchedBy([{ label: "queue", op: "!~", value: "pay.*" }], alerts)?.map((a) => a.labels.queue)).toEqual(["orders"]);
  });
  it("is null while a matcher is incomplete", () => {
    expect(alertsMatchedBy([{ label: "", op: "=", value: "x" }], alerts)).toBeNull();
    expect(alertsMatchedBy([{ label: "queue", op: "=~", value: "(" }], alerts)).toBeNull();
    expect(alertsMatchedBy([], alerts)).toBeNull();
  });
});
