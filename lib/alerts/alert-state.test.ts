import { describe, expect, it } from "vitest";
import { evaluateInstance, INITIAL_STATE, type InstanceState, type Observation, type StatePolicy } from "./alert-state";

const S = 1000;
const policy = (overrides: Partial<StatePolicy> = {}): StatePolicy => ({ forMs: 30 * S, keepFiringForMs: 0, noData: "alert", error: "alert", ...overrides });
const v = (value: number, threshold = 100): Observation => ({ kind: "value", value, breached: value > threshold });
const NODATA: Observation = { kind: "nodata" };
const ERROR: Observation = { kind: "error", message: "broker down" };

/** Runs observations at 10 s intervals; returns the states and the notifications (`at:notify`). */
function run(observations: Observation[], rule: StatePolicy, start: InstanceState = INITIAL_STATE, t0 = 0) {
  let state = start;
  const states: string[] = [];
  const notes: string[] = [];
  observations.forEach((observation, i) => {
    const at = t0 + i * 10 * S;
    const { next, transition } = evaluateInstance(state, observation, at, rule);
    state = next;
    states.push(next.state);
    if (transition?.notify) notes.push(`${at / S}:${transition.notify}`);
  });
  return { states, notes, state };
}

describe("evaluateInstance", () => {
  it.each<[string, Observation[], Partial<StatePolicy>, string[], string[]]>([
    ["never breached", [v(1), v(2), v(3)], {}, ["inactive", "inactive", "inactive"], []],
    ["for = 0 fires at the first breach", [v(150), v(150), v(10)], { forMs: 0 }, ["firing", "firing", "inactive"], ["0:firing", "20:resolved"]],
    ["pending until `for` has passed, then firing", [v(150), v(150), v(150), v(150)], {}, ["pending", "pending", "pending", "firing"], ["30:firing"]],
    ["a dip while pending starts over (flapping never fires)", [v(150), v(150), v(10), v(150), v(150), v(150)], {}, ["pending", "pending", "inactive", "pending", "pending", "pending"], []],
    ["resolves at the first clear evaluation without keepFiringFor", [v(150), v(150), v(150), v(150), v(10)], {}, ["pending", "pending", "pending", "firing", "inactive"], ["30:firing", "40:resolved"]],
    ["keepFiringFor absorbs a flap", [v(150), v(10), v(150), v(10), v(10), v(10)], { forMs: 0, keepFiringForMs: 25 * S }, ["firing", "firing", "firing", "firing", "firing", "inactive"], ["0:firing", "50:resolved"]],
    ["the threshold itself is not a breach (>)", [v(100), v(100)], { forMs: 0 }, ["inactive", "inactive"], []],
    ["no data, policy alert: its own notifying state, and back", [v(10), NODATA, NODATA, v(10)], {}, ["inactive", "nodata", "nodata", "inactive"], ["10:firing", "30:resolved"]],
    ["no data, policy ok: like a clear value (resolves a firing alert)", [v(150), NODATA], { forMs: 0, noData: "ok" }, ["firing", "inactive"], ["0:firing", "10:resolved"]],
    ["no data, policy keep: a firing alert stays firing", [v(150), NODATA, NODATA, v(150)], { forMs: 0, noData: "keep" }, ["firing", "firing", "firing", "firing"], ["0:firing"]],
    ["no data, policy keep: a pending alert keeps its start", [v(150), NODATA, NODATA, v(150)], { noData: "keep" }, ["pending", "pending", "pending", "firing"], ["30:firing"]],
    ["error, policy alert: a dead poller is visible, never silently OK", [v(10), ERROR, ERROR, v(10)], {}, ["inactive", "error", "error", "inactive"], ["10:firing", "30:resolved"]],
    ["error while firing (policy alert) re-notifies with the new state", [v(150), ERROR, v(150)], { forMs: 0 }, ["firing", "error", "firing"], ["0:firing", "10:firing", "20:firing"]],
    ["error, policy keep: nothing changes", [v(150), ERROR], { forMs: 0, error: "keep" }, ["firing", "firing"], ["0:firing"]],
    ["a breach after no data starts a new pending run (the no-data alert resolves)", [NODATA, v(150), v(150), v(150), v(150)], {}, ["nodata", "pending", "pending", "pending", "firing"], ["0:firing", "10:resolved", "40:firing"]],
  ])("%s", (_name, observations, overrides, states, notes) => {
    const result = run(observations, policy(overrides));
    expect(result.states).toEqual(states);
    expect(result.notes).toEqual(notes);
  });

  it("keeps the first breach time through pending and the firing start through firing", () => {
    const { state } = run([v(150), v(150), v(150), v(150), v(200)], policy());
    expect(state).toMatchObject({ state: "firing", activeSince: 0, notifyingSince: 30 * S, lastBreachAt: 40 * S, value: 200, lastEvaluatedAt: 40 * S });
  });

  // A collector restart persists the state (JSON in Postgres) and continues from it: for every state and
  // every next observation, continuing from a round-tripped copy gives the same result and no extra notification.
  const reachable: [string, Observation[], Partial<StatePolicy>][] = [
    ["inactive", [v(10)], {}],
    ["pending", [v(150)], {}],
    ["firing", [v(150), v(150), v(150), v(150)], {}],
    ["firing inside keepFiringFor", [v(150), v(10)], { forMs: 0, keepFiringForMs: 30 * S }],
    ["nodata", [NODATA], {}],
    ["error", [ERROR], {}],
  ];
  for (const [name, history, overrides] of reachable) {
    it(`a restart in state "${name}" changes nothing`, () => {
      const rule = policy(overrides);
      const before = run(history, rule);
      const restored = JSON.parse(JSON.stringify(before.state)) as InstanceState;
      for (const observation of [v(10), v(150), NODATA, ERROR]) {
        const at = history.length * 10 * S;
        expect(evaluateInstance(restored, observation, at, rule)).toEqual(evaluateInstance(before.state, observation, at, rule));
      }
      // The same observation again right after the restart never notifies a second time.
      const last = history[history.length - 1] as Observation;
      const again = evaluateInstance(restored, last, history.length * 10 * S, rule);
      if (before.state.state === "firing" || before.state.state === "nodata" || before.state.state === "error") expect(again.transition?.notify ?? null).not.toBe("firing");
    });
  }
});
