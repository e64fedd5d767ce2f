import { describe, expect, it } from "vitest";
import { RefreshClock, type RefreshStep } from "./refresh-clock";

/** Feeds (seconds, changed) pairs and returns the steps, spans rounded to ms. */
function run(observations: readonly (readonly [number, boolean])[], prior?: number): RefreshStep[] {
  const clock = new RefreshClock(prior);
  return observations.map(([t, changed]) => {
    const step = clock.observe(t * 1000, changed);
    return step.type === "refresh" || step.type === "idle" ? { ...step, seconds: Math.round(step.seconds * 1000) / 1000 } : step;
  });
}
const refresh = (seconds: number): RefreshStep => ({ type: "refresh", seconds });
const fromFirstSight = (seconds: number): RefreshStep => ({ type: "refresh", seconds, fromFirstSight: true });
const FIRST: RefreshStep = { type: "first" };
const WAITING: RefreshStep = { type: "waiting" };
const idle = (seconds: number): RefreshStep => ({ type: "idle", seconds });

describe("RefreshClock", () => {
  it.each<{ name: string; observations: [number, boolean][]; steps: RefreshStep[] }>([
    {
      name: "a change after a first sight spans the time since it",
      observations: [[0, false], [2, true]],
      steps: [FIRST, fromFirstSight(2)],
    },
    {
      // Real time: from then on each rate spans at least one stats interval (5 s), and no change is no traffic.
      name: "changes 2 s apart: the broker counts in real time",
      observations: [[0, false], [2, true], [4, true], [6.3, true], [9.1, true], [11, false], [13, true], [16, true]],
      steps: [FIRST, fromFirstSight(2), refresh(2), WAITING, refresh(5.1), idle(1.9), WAITING, refresh(5)],
    },
    {
      // Spans of 4 and 6 s around a 5 s period: each change is one period, the polls in between keep the last rate.
      name: "a periodic stream polled every 2 s: one period per change, waiting in between",
      observations: [[0, false], [2, true], [4, false], [6, true], [8, false], [10, false], [12, true]],
      steps: [FIRST, fromFirstSight(2), WAITING, refresh(5), WAITING, WAITING, refresh(5)],
    },
    {
      name: "no change for more than a period: the broker refreshed with nothing new; the next change is one period",
      observations: [[0, false], [1, true], [6, true], [8, false], [10, false], [12.5, false], [14.5, false], [16, true]],
      steps: [FIRST, fromFirstSight(1), refresh(5), WAITING, WAITING, idle(6.5), idle(2), refresh(5)],
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
      if (k > 0) expect(step).toEqual(refresh(before / 1000));
      periods.push(clock.periodMs);
    }
    expect(periods[1]).toBe(5_000); // too few changes: the default
    expect(periods.at(-1)).toBeGreaterThan(5_050);
    expect(periods.at(-1)).toBeLessThan(5_150);
  });

  it("after a gap of several periods a change counts as one period since the previous poll", () => {
    expect(run([[0, false], [5, true], [10, true], [30, false], [32, true]]).at(-1)).toEqual(refresh(5));
  });

  it.each<{ name: string; observations: [number, boolean][]; last: RefreshStep }>([
    { name: "polls 10 s apart on a 5 s stream: the time between changes", observations: [[0, false], [10, true], [20, true], [30, true]], last: refresh(10) },
    { name: "polls 10 s apart after an idle poll: the time since the previous poll", observations: [[0, false], [5, true], [10, true], [20, false], [30, true]], last: refresh(10) },
  ])("$name", ({ observations, last }) => {
    expect(run(observations).at(-1)).toEqual(last);
  });
});
