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

export async function loadRules(db: Db | DbTransaction, config: QueuewatchConfig): Promise<Loaded<AlertRule>> {
  const fromConfig = config.alerts.rules.map((rule) => toAlertRule(rule, configRuleId(rule.name), "config", 0));
  const rows = await db.alertRule.findMany({ orderBy: { name: "asc" } });
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
  const rows = await db.silence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } } });
  return rows.map((row) => ({ id: row.id, matchers: z.array(matcherSchema).catch([]).parse(row.matchers), startsAt: row.startsAt, endsAt: row.endsAt }));
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
