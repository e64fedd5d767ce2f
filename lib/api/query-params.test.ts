import { describe, expect, it } from "vitest";
import { lagQuerySchema, parseSearchParams, seriesQuerySchema } from "./query-params";

const parse = (query: string) => parseSearchParams(lagQuerySchema, new URLSearchParams(query));

describe("lag query parameters", () => {
  it("accepts an ISO range and points", () => {
    const result = parse("from=2026-11-30T00:00:00Z&to=2026-11-30T01:00:00.000Z&points=120");
    expect(result).toEqual({ ok: true, value: { from: new Date("2026-11-30T00:00:00Z"), to: new Date("2026-11-30T01:00:00Z"), points: 120 } });
  });

  it("defaults to the last hour and 600 points", () => {
    const result = parse("");
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.to.getTime() - result.value.from.getTime()).toBe(3600_000);
      expect(result.value.points).toBe(600);
    }
  });

  it.each([
    ["from=yesterday", "`from`"],
    ["to=2026-13-01T00:00:00Z", "`to`"],
    ["points=0", "`points`"],
    ["points=abc", "`points`"],
    ["points=5000", "`points`"],
    ["from=2026-11-30T02:00:00Z&to=2026-11-30T01:00:00Z", "`from`: must be before `to`"],
    ["from=2020-01-01T00:00:00Z&to=2026-11-30T01:00:00Z", "400 days"],
  ])("%s → 400 naming %s", (query, fragment) => {
    const result = parse(query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });
});

describe("series query parameters", () => {
  const parseSeries = (query: string) => parseSearchParams(seriesQuerySchema, new URLSearchParams(query));

  it("takes every non-reserved parameter as a label filter", () => {
    const result = parseSeries("cluster=c1&metric=kafka_partition_lag&group=billing&topic=orders&agg=max&points=50&from=2026-11-30T00:00:00Z&to=2026-11-30T01:00:00Z");
    expect(result).toEqual({ ok: true, value: {
      cluster: "c1", metric: "kafka_partition_lag", aggregation: "max", points: 50, labels: { group: "billing", topic: "orders" },
      from: new Date("2026-11-30T00:00:00Z"), to: new Date("2026-11-30T01:00:00Z"),
    } });
  });

  it.each([
    ["metric=m", "`cluster`"],
    ["cluster=c", "`metric`"],
    ["cluster=c&metric=Bad-Metric", "`metric`"],
    ["cluster=c&metric=m&agg=median", "`agg`"],
    ["cluster=c&metric=m&bad-label=x", "`bad-label`"],
    ["cluster=c&metric=m&points=2001", "`points`"],
  ])("%s → 400 naming %s", (query, fragment) => {
    const result = parseSeries(query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });
});
