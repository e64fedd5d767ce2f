import "server-only";
import type { Db } from "@/lib/db/prisma";
import type { AlertInstanceDto, AlertTransitionDto } from "../alert-dto";
import { loadInstances } from "../alert-state-store";
import { entityPath } from "../entity-path";
import { compileMatchers } from "../label-matchers";
import { activeSilences } from "../load-alert-config";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The alerts that are not inactive (and the recently resolved), each marked with the silences muting it. */
export async function listAlerts(db: Db, now: Date, filter: { clusterId?: string } = {}): Promise<AlertInstanceDto[]> {
  const [instances, silences] = await Promise.all([loadInstances(db, filter), activeSilences(db, now)]);
  const tests = silences.map((s) => ({ id: s.id, test: compileMatchers(s.matchers) }));
  const order: Record<string, number> = { firing: 0, error: 1, nodata: 2, pending: 3, resolved: 4 };
  return instances
    .map((i): AlertInstanceDto => ({
      ruleId: i.ruleId,
      ruleName: i.ruleName,
      clusterId: i.clusterId,
      fingerprint: i.fingerprint,
      labels: i.labels,
      annotations: i.annotations,
      state: i.resolvedAt !== null ? "resolved" : i.state.state,
      value: i.state.value,
      activeSince: iso(i.state.activeSince),
      notifyingSince: iso(i.state.notifyingSince),
      resolvedAt: iso(i.resolvedAt),
      lastEvaluatedAt: iso(i.state.lastEvaluatedAt),
      silencedBy: tests.filter((s) => s.test(i.labels)).map((s) => s.id),
      path: entityPath(i.labels),
    }))
    .sort((a, b) => (order[a.state] ?? 9) - (order[b.state] ?? 9) || a.ruleName.localeCompare(b.ruleName) || a.fingerprint.localeCompare(b.fingerprint));
}

/** State changes, newest first: of one alert (fingerprint), of one entity (labels it must carry, e.g. {cluster, group}) or all. */
export async function alertHistory(db: Db, filter: { fingerprint?: string; labels?: Record<string, string>; limit: number }): Promise<AlertTransitionDto[]> {
  const rows = await db.$queryRaw<{ at: Date; rule_id: string; rule_name: string; cluster_id: string; fingerprint: string; labels: Record<string, string>; from_state: string; to_state: string; value: number | null }[]>`
    SELECT at, rule_id, rule_name, cluster_id, fingerprint, labels, from_state, to_state, value FROM alert_transitions
    WHERE (${filter.fingerprint ?? null}::text IS NULL OR fingerprint = ${filter.fingerprint ?? null}) AND labels @> ${JSON.stringify(filter.labels ?? {})}::jsonb
    ORDER BY at DESC, id DESC LIMIT ${filter.limit}`;
  return rows.map((row) => ({ at: row.at.toISOString(), ruleId: row.rule_id, ruleName: row.rule_name, clusterId: row.cluster_id, fingerprint: row.fingerprint, labels: row.labels, from: row.from_state, to: row.to_state, value: row.value }));
}
