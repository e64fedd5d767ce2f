import "server-only";
// Persistence of alert instance state, history, notification groups and deliveries. Instance rows are written
// in bulk (one statement per evaluation, however many instances changed), each evaluation in one transaction.
import { Prisma } from "@prisma/client";
import type { Db } from "@/lib/db/prisma";
import type { InstanceState } from "./alert-state";
import type { PollEvaluation, StoredInstance } from "./evaluate-poll";
import type { DeliveryResult } from "./notification";
import type { GroupState } from "./plan-notifications";

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
const epoch = (d: Date | null): number | null => (d === null ? null : d.getTime());
const labelsOf = (value: Prisma.JsonValue): Record<string, string> => (value !== null && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) : {});

export async function persistEvaluation(db: Db, evaluation: PollEvaluation): Promise<void> {
  const rows = evaluation.upserts.map((i) => ({
    rule_id: i.ruleId,
    instance_key: i.instanceKey,
    cluster_id: i.clusterId,
    rule_name: i.ruleName,
    fingerprint: i.fingerprint,
    labels: i.labels,
    annotations: i.annotations,
    state: i.state.state,
    active_since: date(i.state.activeSince),
    notifying_since: date(i.state.notifyingSince),
    last_breach_at: date(i.state.lastBreachAt),
    value: i.state.value,
    last_evaluated_at: date(i.state.lastEvaluatedAt),
    resolved_at: date(i.resolvedAt),
  }));
  // One statement per kind of write, whatever the count (30,000 new pending instances in one poll take ~1 s).
  await db.$transaction(async (tx) => {
    if (rows.length > 0) {
      await tx.$executeRaw`
        INSERT INTO alert_instances (rule_id, instance_key, cluster_id, rule_name, fingerprint, labels, annotations, state, active_since, notifying_since, last_breach_at, value, last_evaluated_at, resolved_at)
        SELECT rule_id, instance_key, cluster_id, rule_name, fingerprint, labels, annotations, state, active_since, notifying_since, last_breach_at, value, last_evaluated_at, resolved_at
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(rule_id text, instance_key text, cluster_id text, rule_name text, fingerprint text, labels jsonb, annotations jsonb, state text,
          active_since timestamptz, notifying_since timestamptz, last_breach_at timestamptz, value double precision, last_evaluated_at timestamptz, resolved_at timestamptz)
        ON CONFLICT (rule_id, instance_key) DO UPDATE SET cluster_id = excluded.cluster_id, rule_name = excluded.rule_name, fingerprint = excluded.fingerprint, labels = excluded.labels,
          annotations = excluded.annotations, state = excluded.state, active_since = excluded.active_since, notifying_since = excluded.notifying_since, last_breach_at = excluded.last_breach_at,
          value = excluded.value, last_evaluated_at = excluded.last_evaluated_at, resolved_at = excluded.resolved_at`;
    }
    if (evaluation.deletes.length > 0) {
      await tx.$executeRaw`DELETE FROM alert_instances a USING jsonb_to_recordset(${JSON.stringify(evaluation.deletes)}::jsonb) AS d("ruleId" text, "instanceKey" text) WHERE a.rule_id = d."ruleId" AND a.instance_key = d."instanceKey"`;
    }
    if (evaluation.transitions.length > 0) {
      const transitions = evaluation.transitions.map((t) => ({ at: new Date(t.at), rule_id: t.ruleId, rule_name: t.ruleName, cluster_id: t.clusterId, fingerprint: t.fingerprint, labels: t.labels, from_state: t.from, to_state: t.to, value: t.value }));
      await tx.$executeRaw`
        INSERT INTO alert_transitions (at, rule_id, rule_name, cluster_id, fingerprint, labels, from_state, to_state, value)
        SELECT at, rule_id, rule_name, cluster_id, fingerprint, labels, from_state, to_state, value
        FROM jsonb_to_recordset(${JSON.stringify(transitions)}::jsonb) AS r(at timestamptz, rule_id text, rule_name text, cluster_id text, fingerprint text, labels jsonb, from_state text, to_state text, value double precision)`;
    }
  }, { timeout: 60_000, maxWait: 10_000 });
}

export async function deleteInstances(db: Db, instances: readonly { ruleId: string; instanceKey: string }[]): Promise<void> {
  await persistEvaluation(db, { upserts: [], deletes: instances.map(({ ruleId, instanceKey }) => ({ ruleId, instanceKey })), transitions: [] });
}

/** Every stored instance, or one cluster's. */
export async function loadInstances(db: Db, filter: { clusterId?: string } = {}): Promise<StoredInstance[]> {
  const rows = await db.alertInstance.findMany({ where: filter.clusterId === undefined ? {} : { clusterId: filter.clusterId } });
  return rows.map((row) => {
    const state: InstanceState = {
      state: row.state as InstanceState["state"],
      activeSince: epoch(row.activeSince),
      notifyingSince: epoch(row.notifyingSince),
      lastBreachAt: epoch(row.lastBreachAt),
      value: row.value,
      lastEvaluatedAt: epoch(row.lastEvaluatedAt),
    };
    return { ruleId: row.ruleId, ruleName: row.ruleName, instanceKey: row.instanceKey, clusterId: row.clusterId, fingerprint: row.fingerprint, labels: labelsOf(row.labels), annotations: labelsOf(row.annotations), state, resolvedAt: epoch(row.resolvedAt) };
  });
}

export async function loadGroups(db: Db): Promise<GroupState[]> {
  const rows = await db.alertNotificationGroup.findMany();
  return rows.map((row) => ({
    contactPoint: row.contactPoint,
    groupKey: row.groupKey,
    groupLabels: labelsOf(row.groupLabels),
    firstSeenAt: row.firstSeenAt.getTime(),
    lastFlushAt: epoch(row.lastFlushAt),
    lastNotifiedAt: epoch(row.lastNotifiedAt),
    notifiedFiring: row.notifiedFiring,
  }));
}

export async function saveGroups(db: Db, groups: readonly GroupState[]): Promise<void> {
  if (groups.length === 0) return;
  const rows = groups.map((g) => ({ contact_point: g.contactPoint, group_key: g.groupKey, group_labels: g.groupLabels, first_seen_at: new Date(g.firstSeenAt), last_flush_at: date(g.lastFlushAt), last_notified_at: date(g.lastNotifiedAt), notified_firing: g.notifiedFiring }));
  await db.$executeRaw`
    INSERT INTO alert_notification_groups (contact_point, group_key, group_labels, first_seen_at, last_flush_at, last_notified_at, notified_firing)
    SELECT contact_point, group_key, group_labels, first_seen_at, last_flush_at, last_notified_at, ARRAY(SELECT jsonb_array_elements_text(notified_firing))
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(contact_point text, group_key text, group_labels jsonb, first_seen_at timestamptz, last_flush_at timestamptz, last_notified_at timestamptz, notified_firing jsonb)
    ON CONFLICT (contact_point, group_key) DO UPDATE SET group_labels = excluded.group_labels, last_flush_at = excluded.last_flush_at, last_notified_at = excluded.last_notified_at, notified_firing = excluded.notified_firing`;
}

export async function deleteGroups(db: Db, groups: readonly { contactPoint: string; groupKey: string }[]): Promise<void> {
  if (groups.length === 0) return;
  await db.$executeRaw`DELETE FROM alert_notification_groups g USING jsonb_to_recordset(${JSON.stringify(groups)}::jsonb) AS d("contactPoint" text, "groupKey" text) WHERE g.contact_point = d."contactPoint" AND g.group_key = d."groupKey"`;
}

export interface DeliveryRecord {
  at: Date;
  contactPoint: string;
  groupKey: string;
  status: "firing" | "resolved" | "test";
  alertCount: number;
  fingerprints: string[];
  result: DeliveryResult;
}

export async function recordDelivery(db: Db | Prisma.TransactionClient, record: DeliveryRecord): Promise<void> {
  const { result } = record;
  await db.alertDelivery.create({
    data: { at: record.at, contactPoint: record.contactPoint, groupKey: record.groupKey, status: record.status, alertCount: record.alertCount, fingerprints: record.fingerprints, ok: result.ok, attempts: result.attempts, responseStatus: result.status, response: result.response, error: result.error, durationMs: Math.round(result.durationMs) },
  });
}
