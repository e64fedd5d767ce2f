import { describe, expect, it } from "vitest";
import { humanize, humanizeDuration, renderTemplate, templateProblems } from "./render-template";

const data = { labels: { queue: "orders", vhost: "shop", group: "<b>billing</b>" }, value: 1234.5 };

describe("renderTemplate", () => {
  it.each([
    ["{{ $labels.queue }} has {{ $value }} ready", "orders has 1234.5 ready"],
    ["{{$labels.vhost}}/{{ $labels.queue }}", "shop/orders"],
    ["missing: [{{ $labels.topic }}]", "missing: []"],
    ["markup stays text: {{ $labels.group }}", "markup stays text: <b>billing</b>"],
    ["no expressions", "no expressions"],
    ["unknown {{ .Foo }} stays", "unknown {{ .Foo }} stays"],
  ])("%j → %j", (template, expected) => {
    expect(renderTemplate(template, data)).toBe(expected);
  });

  it("applies a function to the value", () => {
    expect(renderTemplate("{{ $value | humanize }} behind", { labels: {}, value: 98765 })).toBe("98.77k behind");
    expect(renderTemplate("for {{ $value | humanizeDuration }}", { labels: {}, value: 5400 })).toBe("for 1h 30m 0s");
  });

  it("says 'no data' for the value of an instance without one", () => {
    expect(renderTemplate("lag {{ $value }}", { labels: {}, value: null })).toBe("lag no data");
  });
});

describe("templateProblems", () => {
  it("names every expression it cannot render", () => {
    expect(templateProblems("{{ $labels.queue }} {{ $value | humanize }}")).toEqual([]);
    expect(templateProblems("{{ .Labels.x }} {{ $value | upper }} {{ $value | humanize | humanize }}")).toEqual([
      "unknown expression {{ .Labels.x }}: use $labels.<name> or $value",
      'unknown function "upper" in {{ $value | upper }} (known: humanize, humanizeDuration)',
      "only one function per expression: {{ $value | humanize | humanize }}",
    ]);
  });
});

describe("humanize / humanizeDuration", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1234567, "1.235M"],
    [0.5, "500m"],
    [-2500, "-2.5k"],
  ])("humanize(%d) = %s", (value, expected) => {
    expect(humanize(value)).toBe(expected);
  });

  it.each([
    [0.25, "250ms"],
    [42, "42s"],
    [5400, "1h 30m 0s"],
    [90061, "1d 1h 1m 1s"],
  ])("humanizeDuration(%d) = %s", (seconds, expected) => {
    expect(humanizeDuration(seconds)).toBe(expected);
  });
});
