import "server-only";
// The alerting loop in the collector process: evaluates every rule right after each poll (from the poll's own
// samples), persists instance state and history, and every second lets each contact point's groups decide what
// to send (plan-notifications.ts), sends it, and logs the delivery. Rules, contact points and silences made on
// the pages are re-read every few seconds. All decisions are in the pure modules; this file is the I/O around them.
import type { PollReport } from "@/lib/collector/poll-cluster";
import type { QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import type { Logger } from "@/lib/log/logger";
import { describeError } from "@/lib/util/describe-error";
import { parseDuration } from "@/lib/util/duration";
import type { InstanceState } from "./alert-state";
import { compileRule, type CompiledRule } from "./compile-rule";
import { sendNotification } from "./contact-points/send-notification";
import { entityPath } from "./entity-path";
import { evaluatePoll, instanceId, isNotifying, newEvaluationCache, type StoredInstance, type TransitionRecord } from "./evaluate-poll";
import { compileMatchers, matchersFromMap, type Labels } from "./label-matchers";
import { alertConfigVersion, loadContactPoints, unexpiredSilences, loadRules, seedDefaultRules, type LoadedContactPoint } from "./load-alert-config";
import { groupStateId, planNotifications, type GroupState, type PlannedNotification, type RoutedContactPoint } from "./plan-notifications";
import { persistEvaluation, loadInstances, deleteInstances, loadGroups, saveGroups, deleteGroups, recordDelivery } from "./alert-state-store";

/** Resolved instances are kept this long at least for their resolve to be sent (Prometheus' resolvedRetention). */
const RESOLVED_RETENTION_MS = 15 * 60_000;

export interface AlertEngineOptions {
  logger: Logger;
  /** Queuewatch's URL for links in notifications */
  externalURL: string;
  tickMs?: number;
  refreshMs?: number;
  env?: Record<string, string | undefined>;
  retryDelaysMs?: readonly number[];
  now?: () => number;
}

const ms = (text: string): number => parseDuration(text) ?? 0;

function routed(point: LoadedContactPoint): RoutedContactPoint {
  const s = point.settings;
  return {
    name: s.name,
    groupBy: s.groupBy,
    groupWaitMs: ms(s.groupWait),
    groupIntervalMs: ms(s.groupInterval),
    repeatIntervalMs: ms(s.repeatInterval),
    sendResolved: s.sendResolved,
    matches: s.match === undefined ? null : compileMatchers(matchersFromMap(s.match)),
  };
}

export class AlertEngine {
  private rules: CompiledRule[] = [];
  private contactPoints: LoadedContactPoint[] = [];
  private routes: RoutedContactPoint[] = [];
  private silences: { startsAt: number; endsAt: number; matches: (labels: Labels) => boolean }[] = [];
  /** alertConfigVersion at the last full read; null: read on the next refresh */
  private configVersion: string | null = null;
  private instances = new Map<string, StoredInstance>();
  private groups = new Map<string, GroupState>();
  private readonly evaluationCache = newEvaluationCache();
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private lastRefresh = 0;
  private ticking: Promise<void> | null = null;
  private stopped = false;
  private reportedProblems = new Set<string>();
  /** evaluation time of the latest poll per cluster, ms (for the benchmark and the logs) */
  readonly evaluationMs = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly config: QueuewatchConfig,
    private readonly options: AlertEngineOptions,
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async start(): Promise<void> {
    const seeded = await seedDefaultRules(this.db, new Date(this.now()));
    if (seeded > 0) this.options.logger.info(`alerts: seeded ${seeded} default rules (edit or delete them on the Alerts page)`);
    this.instances = new Map((await loadInstances(this.db)).map((i) => [instanceId(i.ruleId, i.instanceKey), i]));
    this.groups = new Map((await loadGroups(this.db)).map((g) => [groupStateId(g.contactPoint, g.groupKey), g]));
    await this.refresh();
    const tickMs = this.options.tickMs ?? 1000;
    const loop = () => {
      if (this.stopped) return;
      this.ticking = this.tick().catch((error: unknown) => this.options.logger.error(`alerts: ${describeError(error)}`));
      void this.ticking.finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, tickMs);
      });
    };
    this.timer = setTimeout(loop, tickMs);
  }

  /** Called by the collector after each poll; evaluations run one at a time, in poll order. */
  onPoll(report: PollReport): void {
    this.queue = this.queue.then(() => this.evaluate(report)).catch((error: unknown) => this.options.logger.error(`alerts: evaluating the poll of ${report.clusterId}: ${describeError(error)}`));
  }

  /** Waits until every queued evaluation is done (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.queue;
    await this.ticking;
  }

  private report(problems: readonly string[]): void {
    for (const problem of problems) {
      if (this.reportedProblems.has(problem)) continue;
      this.reportedProblems.add(problem);
      this.options.logger.warn(`alerts: ignoring ${problem}`);
    }
  }

  /** Re-reads rules, contact points and silences (made on the pages by the web process) when any of them changed. */
  async refresh(): Promise<void> {
    const now = this.now();
    this.lastRefresh = now;
    const version = await alertConfigVersion(this.db);
    if (version === this.configVersion) return;
    const [rules, points, silences] = await Promise.all([loadRules(this.db, this.config), loadContactPoints(this.db, this.config), unexpiredSilences(this.db, new Date(now))]);
    this.report([...rules.problems, ...points.problems]);
    this.rules = rules.items.map(compileRule);
    this.contactPoints = points.items;
    this.routes = points.items.map(routed);
    this.silences = silences.map((s) => ({ startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime(), matches: compileMatchers(s.matchers) }));
    this.configVersion = version;
    await this.retireOrphans(now);
  }

  /** Instances whose rule was deleted, disabled or no longer selects them: a notifying one resolves, the others go. */
  private async retireOrphans(now: number): Promise<void> {
    const byId = new Map(this.rules.map((rule) => [rule.id, rule]));
    const upserts: StoredInstance[] = [];
    const transitions: TransitionRecord[] = [];
    const deletes: { ruleId: string; instanceKey: string }[] = [];
    for (const instance of this.instances.values()) {
      const rule = byId.get(instance.ruleId);
      if (rule && rule.enabled && rule.matches(instance.labels)) continue;
      if (instance.resolvedAt !== null) continue;
      if (isNotifying(instance)) {
        const state: InstanceState = { ...instance.state, state: "inactive" };
        upserts.push({ ...instance, state, resolvedAt: now });
        transitions.push({ at: now, ruleId: instance.ruleId, ruleName: instance.ruleName, clusterId: instance.clusterId, fingerprint: instance.fingerprint, labels: instance.labels, from: instance.state.state, to: "inactive", value: instance.state.value });
      } else deletes.push({ ruleId: instance.ruleId, instanceKey: instance.instanceKey });
    }
    if (upserts.length + deletes.length === 0) return;
    await persistEvaluation(this.db, { upserts, deletes, transitions });
    this.apply(upserts, deletes);
  }

  private apply(upserts: readonly StoredInstance[], deletes: readonly { ruleId: string; instanceKey: string }[]): void {
    for (const d of deletes) this.instances.delete(instanceId(d.ruleId, d.instanceKey));
    for (const u of upserts) this.instances.set(instanceId(u.ruleId, u.instanceKey), u);
  }

  private async evaluate(report: PollReport): Promise<void> {
    const started = performance.now();
    const current = new Map([...this.instances].filter(([, instance]) => instance.clusterId === report.clusterId));
    const result = evaluatePoll(this.rules, report, current, this.evaluationCache);
    this.evaluationMs.set(report.clusterId, performance.now() - started);
    if (result.upserts.length + result.deletes.length + result.transitions.length === 0) return;
    await persistEvaluation(this.db, result);
    this.apply(result.upserts, result.deletes);
    for (const t of result.transitions) this.options.logger.info(`alerts: ${t.ruleName} ${t.labels.cluster ?? ""} ${JSON.stringify(t.labels)} ${t.from} → ${t.to}`);
  }

  /** One dispatcher round: refresh if due, plan, send, record. */
  async tick(): Promise<void> {
    const now = this.now();
    if (now - this.lastRefresh >= (this.options.refreshMs ?? 5000)) await this.refresh();
    await this.dropExpiredResolved(now);
    const silences = this.silences;
    const plan = planNotifications({
      contactPoints: this.routes,
      ruleNotify: new Map(this.rules.map((rule) => [rule.id, rule.notify])),
      instances: [...this.instances.values()],
      isSilenced: (labels) => silences.some((silence) => silence.startsAt <= now && now < silence.endsAt && silence.matches(labels)),
      groups: this.groups,
      now,
      generatorURL: (instance) => `${this.options.externalURL}${entityPath(instance.labels)}`,
    });
    for (const group of plan.groups) this.groups.set(groupStateId(group.contactPoint, group.groupKey), group);
    for (const gone of plan.deleteGroups) this.groups.delete(groupStateId(gone.contactPoint, gone.groupKey));
    await deleteGroups(this.db, plan.deleteGroups);
    await Promise.all(plan.due.map((due) => this.deliver(due, now)));
    // Every due group is among plan.groups; a delivered one now holds its new notified set.
    await saveGroups(this.db, plan.groups.map((g) => this.groups.get(groupStateId(g.contactPoint, g.groupKey)) ?? g));
  }

  private async deliver(due: PlannedNotification, now: number): Promise<void> {
    const point = this.contactPoints.find((p) => p.settings.name === due.contactPoint);
    if (!point) return;
    const notification = { receiver: due.contactPoint, routeKey: "{}", groupLabels: due.groupLabels, alerts: due.alerts, externalURL: this.options.externalURL, now: new Date(now) };
    const result = await sendNotification(point.settings, notification, { env: this.options.env ?? process.env, retryDelaysMs: this.options.retryDelaysMs });
    await recordDelivery(this.db, {
      at: new Date(now),
      contactPoint: due.contactPoint,
      groupKey: due.groupKey,
      status: due.alerts.some((a) => a.status === "firing") ? "firing" : "resolved",
      alertCount: due.alerts.length,
      fingerprints: due.alerts.map((a) => a.fingerprint),
      result,
    });
    if (!result.ok) {
      this.options.logger.warn(`alerts: delivery to ${due.contactPoint} failed after ${result.attempts} attempt(s): ${result.error ?? result.response}`);
      return;
    }
    const key = groupStateId(due.contactPoint, due.groupKey);
    const state = this.groups.get(key);
    if (state) this.groups.set(key, { ...state, lastNotifiedAt: now, notifiedFiring: due.firing });
  }

  private async dropExpiredResolved(now: number): Promise<void> {
    const longestInterval = Math.max(0, ...this.routes.map((r) => r.groupIntervalMs + r.groupWaitMs));
    const keepMs = Math.max(RESOLVED_RETENTION_MS, longestInterval + 60_000);
    const expired = [...this.instances.values()].filter((i) => i.resolvedAt !== null && now - i.resolvedAt > keepMs);
    if (expired.length === 0) return;
    await deleteInstances(this.db, expired);
    this.apply([], expired);
  }
}
