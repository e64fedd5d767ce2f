import { describe, expect, it } from "vitest";
import { RefreshClock, type RefreshStep } from "./refresh-clock";

/** Feeds (seconds, changed) pairs and returns the steps, spans rounded to ms. */
function run(observations: readonly (readonly [number, boolean])[], prior?: number): RefreshStep[] {
  const clock = new RefreshClock(prior);
  return observations.map(([t, changed]) => {
    const step = clock.observe(t * 1000, changed);
    return step.kind === "refresh" ? { kind: "refresh", seconds: Math.round(step.seconds * 1000) / 1000 } : step;
  });
}
const refresh = (seconds: number): RefreshStep => ({ kind: "refresh", seconds });
const FIRST: RefreshStep = { kind: "first" };
const WAITING: RefreshStep = { kind: "waiting" };
const IDLE: RefreshStep = { kind: "idle" };

describe("RefreshClock", () => {
  it.each<{ name: string; observations: [number, boolean][]; steps: RefreshStep[] }>([
    {
      name: "a change after a first sight spans the time since it",
      observations: [[0, false], [2, true]],
      steps: [FIRST, refresh(2)],
    },
    {
      name: "changes 2 s apart: the broker counts in real time, spans are the time between changes, no change is no traffic",
      observations: [[0, false], [2, true], [4, true], [6.3, true], [8.3, false], [10.3, true]],
      steps: [FIRST, refresh(2), refresh(2), refresh(2.3), IDLE, refresh(2)],
    },
    {
      // Spans of 4 and 6 s around a 5 s period: each change is one period, the polls in between keep the last rate.
      name: "a periodic stream polled every 2 s: one period per change, waiting in between",
      observations: [[0, false], [2, true], [4, false], [6, true], [8, false], [10, false], [12, true]],
      steps: [FIRST, refresh(2), WAITING, refresh(5), WAITING, WAITING, refresh(5)],
    },
    {
      name: "no change for more than a period: the broker refreshed with nothing new; the next change is one period",
      observations: [[0, false], [1, true], [6, true], [8, false], [10, false], [12.5, false], [14, true]],
      steps: [FIRST, refresh(1), refresh(5), WAITING, WAITING, IDLE, refresh(5)],
    },
    {
      name: "a clock that goes back measures nothing",
      observations: [[10, false], [8, true]],
      steps: [FIRST, WAITING],
    },
  ])("$name", ({ observations, steps }) => {
    expect(run(observations)).toEqual(steps);
  });

  it("estimates the period from the times of consecutive changes: 5.1 s seen through 2 s polls", () => {
    const clock = new RefreshClock(5_000);
    clock.observe(0, false);
    // Refreshes every 5.1 s from 0.3 s; each seen at the first poll on the 2 s grid after it.
    const seenAt = (k: number) => Math.ceil((300 + 5_100 * k) / 2_000) * 2_000;
    const periods: number[] = [];
    for (let k = 0; k < 20; k += 1) {
      const before = clock.periodMs;
      const step = clock.observe(seenAt(k), true);
      if (k > 0) expect(step).toEqual({ kind: "refresh", seconds: before / 1000 });
      periods.push(clock.periodMs);
    }
    expect(periods[1]).toBe(5_000); // too few changes: the default
    expect(periods.at(-1)).toBeGreaterThan(5_050);
    expect(periods.at(-1)).toBeLessThan(5_150);
  });

  it("after a gap of several periods a change counts as one period since the previous poll", () => {
    expect(run([[0, false], [5, true], [10, true], [30, false], [32, true]]).at(-1)).toEqual(refresh(5));
  });
});
