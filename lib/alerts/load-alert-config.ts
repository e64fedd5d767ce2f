import "server-only";
// Rules, contact points and silences as the evaluator and the pages see them: the YAML config's (read-only)
// plus the store's. A stored row that no longer parses (a metric renamed in a later version) is skipped and
// reported, never allowed to stop the others.
import type { QueuewatchConfig } from "@/lib/config/schema";
import type { Db, DbTransaction } from "@/lib/db/prisma";
import { contactPointSchema, type ContactPointSettings } from "./contact-point-schema";
import { toAlertRule } from "./compile-rule";
import { DEFAULT_RULES } from "./default-rules";
import { matcherSchema, ruleInputSchema, type AlertRule, type RuleSource } from "./rule-schema";
import type { LabelMatcher } from "./label-matchers";
import { isUuid } from "@/lib/util/uuid";
import { z } from "zod";

export interface LoadedContactPoint {
  id: string;
  source: "config" | "api";
  settings: ContactPointSettings;
}

export interface Loaded<T> {
  items: T[];
  /** rows that no longer parse: "rule orders-backlog: …" */
  problems: string[];
}

/** A config rule's id: stable across restarts, never a uuid (so it cannot clash with a stored rule's). */
export const configRuleId = (name: string): string => `config:${name}`;

/** Every rule, or only the one with `filter.id`. */
export async function loadRules(db: Db | DbTransaction, config: QueuewatchConfig, filter: { id?: string } = {}): Promise<Loaded<AlertRule>> {
  const { id } = filter;
  const fromConfig = config.alerts.rules.filter((rule) => id === undefined || configRuleId(rule.name) === id).map((rule) => toAlertRule(rule, configRuleId(rule.name), "config", 0));
  const rows = id === undefined ? await db.alertRule.findMany({ orderBy: { name: "asc" } }) : isUuid(id) ? await db.alertRule.findMany({ where: { id } }) : [];
  const problems: string[] = [];
  const stored = rows.flatMap((row) => {
    const parsed = ruleInputSchema.safeParse(row.definition);
    if (!parsed.success) {
      problems.push(`rule ${row.name}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
      return [];
    }
    return [toAlertRule(parsed.data, row.id, row.source as RuleSource, row.updatedAt.getTime())];
  });
  return { items: [...fromConfig, ...stored], problems };
}

export async function loadContactPoints(db: Db | DbTransaction, config: QueuewatchConfig): Promise<Loaded<LoadedContactPoint>> {
  const fromConfig = config.alerts.contactPoints.map((settings): LoadedContactPoint => ({ id: `config:${settings.name}`, source: "config", settings }));
  const rows = await db.contactPoint.findMany({ orderBy: { name: "asc" } });
  const problems: string[] = [];
  const stored = rows.flatMap((row): LoadedContactPoint[] => {
    const parsed = contactPointSchema.safeParse(row.settings);
    if (!parsed.success) {
      problems.push(`contact point ${row.name}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
      return [];
    }
    return [{ id: row.id, source: "api", settings: parsed.data }];
  });
  return { items: [...fromConfig, ...stored], problems };
}

export interface ActiveSilence {
  id: string;
  matchers: LabelMatcher[];
  startsAt: Date;
  endsAt: Date;
}

/** Silences in effect at `now`. */
export async function activeSilences(db: Db | DbTransaction, now: Date): Promise<ActiveSilence[]> {
  return (await unexpiredSilences(db, now)).filter((silence) => silence.startsAt <= now);
}

/** Silences in effect at `now` or later (the evaluator keeps these and checks their times itself). */
export async function unexpiredSilences(db: Db | DbTransaction, now: Date): Promise<ActiveSilence[]> {
  const rows = await db.silence.findMany({ where: { endsAt: { gt: now } } });
  return rows.map((row) => ({ id: row.id, matchers: z.array(matcherSchema).catch([]).parse(row.matchers), startsAt: row.startsAt, endsAt: row.endsAt }));
}

/**
 * A cheap fingerprint of the stored rules, contact points and silences: per table the row count and the sum of
 * a hash of each row's id and `updated_at`. Every save sets `updated_at`, so an edit, an insert or a delete
 * changes it, even one committed late with an older timestamp; the evaluator re-reads the tables only then.
 */
export async function alertConfigVersion(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<{ version: string }[]>`
    SELECT concat_ws('|',
      (SELECT count(*) || ':' || coalesce(sum(hashtext(id::text || updated_at::text)::bigint), 0) FROM alert_rules),
      (SELECT count(*) || ':' || coalesce(sum(hashtext(id::text || updated_at::text)::bigint), 0) FROM contact_points),
      (SELECT count(*) || ':' || coalesce(sum(hashtext(id::text || updated_at::text)::bigint), 0) FROM silences)) AS version`;
  return row?.version ?? "";
}

const DEFAULT_RULES_FLAG = "default-alert-rules";

/** Seeds the default rules once per store: after that they are the team's to edit or delete (a deleted default stays deleted). */
export async function seedDefaultRules(db: Db, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    const claimed = await tx.appFlag.createMany({ data: [{ name: DEFAULT_RULES_FLAG, at: now }], skipDuplicates: true });
    if (claimed.count === 0) return 0;
    const taken = new Set((await tx.alertRule.findMany({ select: { name: true } })).map((r) => r.name));
    const rules = DEFAULT_RULES.map((rule) => ruleInputSchema.parse(rule)).filter((rule) => !taken.has(rule.name));
    await tx.alertRule.createMany({ data: rules.map((rule) => ({ name: rule.name, source: "default", definition: rule, updatedAt: now })) });
    return rules.length;
  });
}
