// When each contact point hears about what, as Alertmanager decides it: alerts are routed (the rule names the
// contact point, or the contact point's `match` selects the labels), grouped by `groupBy`; a new group waits
// `groupWait`, then every `groupInterval` it is sent again if its firing set changed (a new alert, a resolved
// one), and otherwise only once `repeatInterval` has passed. Silenced alerts are left out. Pure: the engine
// sends what comes back and persists the group states, so a restart neither loses nor repeats a notification.
import { sortedLabels, type NotifiedAlert } from "./alertmanager-format";
import { isNotifying, type StoredInstance } from "./evaluate-poll";
import { groupKey as amGroupKey } from "./alertmanager-format";
import type { Labels } from "./label-matchers";

export interface RoutedContactPoint {
  name: string;
  groupBy: readonly string[];
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
  sendResolved: boolean;
  /** the contact point's own `match`; null: only rules that name it */
  matches: ((labels: Labels) => boolean) | null;
}

export interface GroupState {
  contactPoint: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  firstSeenAt: number;
  lastFlushAt: number | null;
  lastNotifiedAt: number | null;
  /** fingerprints of the firing alerts the last notification carried, sorted */
  notifiedFiring: string[];
}

export interface PlannedNotification {
  contactPoint: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  alerts: (NotifiedAlert & { fingerprint: string })[];
  /** the firing set this notification carries (the group's notifiedFiring once it is delivered) */
  firing: string[];
}

export interface NotificationPlan {
  due: PlannedNotification[];
  /** group states to write: flush times moved, new groups */
  groups: GroupState[];
  /** groups with nothing left to say */
  deleteGroups: { contactPoint: string; groupKey: string }[];
}

export interface PlanInput {
  contactPoints: readonly RoutedContactPoint[];
  /** contact point names each rule notifies, by rule id */
  ruleNotify: ReadonlyMap<string, readonly string[]>;
  instances: readonly StoredInstance[];
  isSilenced: (labels: Labels) => boolean;
  groups: ReadonlyMap<string, GroupState>;
  now: number;
  generatorURL: (instance: StoredInstance) => string;
}

export const groupStateId = (contactPoint: string, key: string): string => `${contactPoint}\u0000${key}`;

function groupLabelsOf(labels: Labels, groupBy: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of groupBy) if (labels[name] !== undefined) picked[name] = labels[name];
  return sortedLabels(picked);
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((value, i) => value === b[i]);

/** Go's string `<`: byte-wise over UTF-8 (JavaScript's `<` compares UTF-16 units, which orders astral characters differently). */
const goLess = (a: string, b: string): boolean => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")) < 0;

/** Prometheus' `LabelSet.Before`: fewer labels first; else the first differing pair over the sorted union of names decides. */
function labelSetBefore(a: Labels, b: Labels): boolean {
  const namesA = Object.keys(a);
  const namesB = Object.keys(b);
  if (namesA.length !== namesB.length) return namesA.length < namesB.length;
  for (const name of [...namesA, ...namesB].sort((x, y) => (goLess(x, y) ? -1 : goLess(y, x) ? 1 : 0))) {
    const valueA = a[name];
    const valueB = b[name];
    if (valueA === undefined) return true;
    if (valueB === undefined) return false;
    if (goLess(valueA, valueB)) return true;
    if (goLess(valueB, valueA)) return false;
  }
  return false;
}

/** Alertmanager's `types.AlertSlice.Less`: by `job`, then `instance` (alerts that have the label first), then `LabelSet.Before`. */
function alertLess(a: Labels, b: Labels): boolean {
  for (const key of ["job", "instance"]) {
    const valueA = a[key];
    const valueB = b[key];
    if (valueA === undefined && valueB === undefined) continue;
    if (valueA === undefined) return false;
    if (valueB === undefined) return true;
    if (valueA !== valueB) return goLess(valueA, valueB);
  }
  return labelSetBefore(a, b);
}

/** The order of a notification's alerts, firing and resolved together, as Alertmanager's `sort.Stable` leaves them. */
export const alertOrder = (a: { labels: Labels }, b: { labels: Labels }): number => (alertLess(a.labels, b.labels) ? -1 : alertLess(b.labels, a.labels) ? 1 : 0);

export function planNotifications(input: PlanInput): NotificationPlan {
  const plan: NotificationPlan = { due: [], groups: [], deleteGroups: [] };
  for (const point of input.contactPoints) {
    const members = new Map<string, { labels: Record<string, string>; instances: StoredInstance[] }>();
    for (const instance of input.instances) {
      const routed = (input.ruleNotify.get(instance.ruleId) ?? []).includes(point.name) || (point.matches?.(instance.labels) ?? false);
      if (!routed || input.isSilenced(instance.labels)) continue;
      if (!isNotifying(instance) && instance.resolvedAt === null) continue;
      const labels = groupLabelsOf(instance.labels, point.groupBy);
      const key = amGroupKey("{}", labels);
      const group = members.get(key) ?? { labels, instances: [] };
      group.instances.push(instance);
      members.set(key, group);
    }
    const keys = new Set([...members.keys(), ...[...input.groups.values()].filter((g) => g.contactPoint === point.name).map((g) => g.groupKey)]);
    for (const key of keys) {
      const group = members.get(key);
      const instances = (group?.instances ?? []).sort(alertOrder);
      const firing = instances.filter(isNotifying);
      const previous = input.groups.get(groupStateId(point.name, key));
      if (previous === undefined && firing.length === 0) continue;
      const state: GroupState = previous ?? { contactPoint: point.name, groupKey: key, groupLabels: group?.labels ?? {}, firstSeenAt: input.now, lastFlushAt: null, lastNotifiedAt: null, notifiedFiring: [] };
      const dueAt = state.lastFlushAt === null ? state.firstSeenAt + point.groupWaitMs : state.lastFlushAt + point.groupIntervalMs;
      if (input.now < dueAt) {
        if (previous === undefined) plan.groups.push(state);
        continue;
      }
      const firingSet = firing.map((i) => i.fingerprint).sort();
      const resolved = instances.filter((i) => !isNotifying(i) && state.notifiedFiring.includes(i.fingerprint));
      const changed = !sameSet(firingSet, state.notifiedFiring);
      const repeat = firing.length > 0 && state.lastNotifiedAt !== null && input.now - state.lastNotifiedAt >= point.repeatIntervalMs;
      const flushed = { ...state, lastFlushAt: input.now };
      if (firing.length === 0 && (resolved.length === 0 || !point.sendResolved)) {
        plan.deleteGroups.push({ contactPoint: point.name, groupKey: key });
        continue;
      }
      plan.groups.push(flushed);
      if (!changed && !repeat) continue;
      const toAlert = (instance: StoredInstance, status: "firing" | "resolved") => ({
        status,
        labels: instance.labels,
        annotations: instance.annotations,
        startsAt: new Date(instance.state.notifyingSince ?? instance.resolvedAt ?? input.now),
        endsAt: status === "resolved" ? new Date(instance.resolvedAt ?? input.now) : null,
        generatorURL: input.generatorURL(instance),
        fingerprint: instance.fingerprint,
      });
      const sent = new Set([...firing, ...(point.sendResolved ? resolved : [])]);
      const alerts = instances.filter((i) => sent.has(i)).map((i) => toAlert(i, isNotifying(i) ? "firing" : "resolved"));
      plan.due.push({ contactPoint: point.name, groupKey: key, groupLabels: state.groupLabels, alerts, firing: firingSet });
    }
  }
  return plan;
}
