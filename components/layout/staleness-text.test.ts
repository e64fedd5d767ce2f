import { describe, expect, it } from "vitest";
import { describeStaleness, type StalenessFacts } from "./staleness-text";

const now = Date.parse("2026-12-02T16:04:00Z");
/** "HH:MM:SS" in UTC, standing in for the page's formatter. */
const hms = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const facts = (over: Partial<StalenessFacts>): StalenessFacts => ({
  status: "up", stale: false, lastPolledAt: "2026-12-02T16:03:55Z", lastSuccessAt: "2026-12-02T16:03:55Z", downSince: null, lastError: null, ...over,
});

describe("describeStaleness", () => {
  it.each([
    { name: "current figures: no banner", facts: facts({}), headline: null, error: null },
    {
      name: "down: since when, for how long, and the age of the figures",
      facts: facts({ status: "down", stale: true, lastPolledAt: "2026-12-02T16:03:58Z", downSince: "2026-12-02T16:00:49Z", lastSuccessAt: "2026-12-02T16:00:39Z", lastError: "connect ECONNREFUSED 127.0.0.1:9092" }),
      headline: "Down since 16:00:49 (for 3 min 11 s) — figures from 16:00:39, 3 min 21 s old",
      error: "connect ECONNREFUSED 127.0.0.1:9092",
    },
    {
      name: "down before any successful poll",
      facts: facts({ status: "down", stale: true, lastPolledAt: "2026-12-02T16:03:58Z", downSince: "2026-12-02T16:03:00Z", lastSuccessAt: null, lastError: "401 Unauthorized" }),
      headline: "Down since 16:03:00 (for 1 min) — no figures yet: never polled successfully",
      error: "401 Unauthorized",
    },
    {
      name: "collector stopped: no poll for a while",
      facts: facts({ stale: true, lastPolledAt: "2026-12-02T15:59:00Z", lastSuccessAt: "2026-12-02T15:59:00Z" }),
      headline: "No poll since 15:59:00 (for 5 min) — figures from 15:59:00, 5 min old",
      error: null,
    },
    { name: "never polled", facts: facts({ status: "unknown", stale: true, lastPolledAt: null, lastSuccessAt: null }), headline: "Never polled — no figures for this cluster yet", error: null },
  ])("$name", ({ facts: f, headline, error }) => {
    const text = describeStaleness(f, now, hms);
    expect(text?.headline ?? null).toBe(headline);
    expect(text?.error ?? null).toBe(error);
  });

  it("uses the page's time formatter for every time", () => {
    const text = describeStaleness(facts({ status: "down", stale: true, downSince: "2026-12-02T16:00:49Z" }), now, () => "T");
    expect(text?.headline).toMatch(/^Down since T .* figures from T,/);
  });
});
