import "server-only";
import { getConfig } from "@/lib/config/load-config";
import type { Db } from "@/lib/db/prisma";
import type { AlertRuleDto } from "../alert-dto";
import type { AlertState } from "../alert-state";
import { loadRules } from "../load-alert-config";
import { toRuleDto } from "./rule-dto";

/** Every rule (config and store), or only the one with `filter.id`, with how many of its instances are in each state now. */
export async function listRules(db: Db, filter: { id?: string } = {}): Promise<{ rules: AlertRuleDto[]; problems: string[] }> {
  const [loaded, counts] = await Promise.all([
    loadRules(db, getConfig(), filter),
    db.alertInstance.groupBy({ by: ["ruleId", "state"], where: { resolvedAt: null, ...(filter.id === undefined ? {} : { ruleId: filter.id }) }, _count: { _all: true } }),
  ]);
  const states = new Map<string, AlertRuleDto["states"]>();
  for (const row of counts) states.set(row.ruleId, { ...states.get(row.ruleId), [row.state as AlertState]: row._count._all });
  return { rules: loaded.items.map((rule) => toRuleDto(rule, states.get(rule.id) ?? {})), problems: loaded.problems };
}

export async function getRule(db: Db, ruleId: string): Promise<AlertRuleDto | null> {
  const { rules } = await listRules(db, { id: ruleId });
  return rules[0] ?? null;
}
