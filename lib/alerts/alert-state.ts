// The life of one alert instance (one rule × one matching entity), evaluated once per poll. Pure: the
// caller passes the observation and `now`; the returned state is what gets persisted, so a restarted
// collector continues exactly where it stopped (no lost firing alert, no second notification).
//
// Like Prometheus: inactive → pending (condition true) → firing (true for `for`) → resolved (false, after
// `keepFiringFor` without a true evaluation). Like Grafana: "no data" (the entity is gone or its value is
// unknown) and "error" (the cluster's poll failed) are states of their own, each with a per-rule policy:
// `alert` (enter that state, which notifies), `ok` (treat as the condition being false), `keep` (change nothing).

export type AlertState = "inactive" | "pending" | "firing" | "nodata" | "error";

/** States a notification is about: the alert is "firing" for receivers. */
export const NOTIFYING_STATES: readonly AlertState[] = ["firing", "nodata", "error"];

export type Observation = { kind: "value"; value: number; breached: boolean } | { kind: "nodata" } | { kind: "error"; message: string };

export type GapPolicy = "alert" | "ok" | "keep";

export interface StatePolicy {
  forMs: number;
  keepFiringForMs: number;
  noData: GapPolicy;
  error: GapPolicy;
}

export interface InstanceState {
  state: AlertState;
  /** when the condition became true in its current run (pending/firing); null when inactive */
  activeSince: number | null;
  /** when the instance started notifying (firing, nodata or error); null otherwise */
  notifyingSince: number | null;
  /** the last evaluation at which the condition held (for keepFiringFor) */
  lastBreachAt: number | null;
  /** the latest observed value (null: none, or no data) */
  value: number | null;
  lastEvaluatedAt: number | null;
}

export const INITIAL_STATE: InstanceState = { state: "inactive", activeSince: null, notifyingSince: null, lastBreachAt: null, value: null, lastEvaluatedAt: null };

/** What changed, for the notifier and the history: `notify` when receivers must hear about it. */
export interface Transition {
  from: AlertState;
  to: AlertState;
  at: number;
  notify: "firing" | "resolved" | null;
}

export interface Evaluation {
  next: InstanceState;
  transition: Transition | null;
}

const notifying = (state: AlertState): boolean => NOTIFYING_STATES.includes(state);

/** One evaluation of one instance. */
export function evaluateInstance(previous: InstanceState, observation: Observation, now: number, policy: StatePolicy): Evaluation {
  const next = nextState(previous, observation, now, policy);
  if (next.state === previous.state) return { next, transition: null };
  const notify = notifying(next.state) ? "firing" : notifying(previous.state) ? "resolved" : null;
  return { next, transition: { from: previous.state, to: next.state, at: now, notify } };
}

function nextState(previous: InstanceState, observation: Observation, now: number, policy: StatePolicy): InstanceState {
  const evaluated = { ...previous, lastEvaluatedAt: now };
  if (observation.kind !== "value") {
    const gapPolicy = observation.kind === "nodata" ? policy.noData : policy.error;
    if (gapPolicy === "keep") return evaluated;
    if (gapPolicy === "ok") return whenClear(evaluated, now, policy, null);
    const state: AlertState = observation.kind;
    return { ...evaluated, state, value: null, activeSince: null, notifyingSince: notifying(previous.state) ? previous.notifyingSince : now };
  }
  if (!observation.breached) return whenClear(evaluated, now, policy, observation.value);
  // The condition holds. Coming back from no data or error starts a new run.
  const activeSince = previous.state === "pending" || previous.state === "firing" ? (previous.activeSince ?? now) : now;
  const base = { ...evaluated, value: observation.value, lastBreachAt: now, activeSince };
  if (previous.state === "firing" || now - activeSince >= policy.forMs) {
    return { ...base, state: "firing", notifyingSince: previous.state === "firing" ? previous.notifyingSince : now };
  }
  return { ...base, state: "pending", notifyingSince: null };
}

/** The condition does not hold (or a gap counts as OK): a firing alert stays for keepFiringFor after its last breach. */
function whenClear(state: InstanceState, now: number, policy: StatePolicy, value: number | null): InstanceState {
  if (state.state === "firing" && state.lastBreachAt !== null && now - state.lastBreachAt < policy.keepFiringForMs) return { ...state, value };
  return { ...state, state: "inactive", value, activeSince: null, notifyingSince: null };
}
