import "server-only";
// Create, change and delete stored rules. Rules from the YAML config are read-only here (change them in git);
// names are unique across both, since a rule's name is its alerts' `alertname`.
import { ActionError, type ActionContext, type ActionOutcome } from "@/lib/api/mutation";
import type { DbTransaction } from "@/lib/db/prisma";
import { isUuid } from "@/lib/util/uuid";
import { ruleInputSchema, type RuleInput } from "../rule-schema";
import { z } from "zod";

export const saveRuleInput = ruleInputSchema;
export type SaveRuleInput = z.infer<typeof saveRuleInput>;

/** Every contact point the rule notifies must exist. */
async function checkRule(tx: DbTransaction, rule: RuleInput, configNames: { rules: string[]; contactPoints: string[] }, selfId: string | null): Promise<void> {
  if (configNames.rules.includes(rule.name)) throw new ActionError(409, "conflict", `a rule named "${rule.name}" is defined in the configuration file`, { target: `alert-rule:${rule.name}` });
  const clash = await tx.alertRule.findUnique({ where: { name: rule.name } });
  if (clash && clash.id !== selfId) throw new ActionError(409, "conflict", `a rule named "${rule.name}" already exists`, { target: `alert-rule:${rule.name}` });
  const stored = await tx.contactPoint.findMany({ where: { name: { in: rule.notify } }, select: { name: true } });
  const known = new Set([...configNames.contactPoints, ...stored.map((c) => c.name)]);
  const missing = rule.notify.filter((name) => !known.has(name));
  if (missing.length > 0) throw new ActionError(400, "bad_request", `invalid input: notify: no contact point named ${missing.map((n) => `"${n}"`).join(", ")}`, { target: `alert-rule:${rule.name}` });
}

const namesOf = (ctx: ActionContext<unknown, unknown>) => ({ rules: ctx.config.alerts.rules.map((r) => r.name), contactPoints: ctx.config.alerts.contactPoints.map((c) => c.name) });

async function storedRule(tx: DbTransaction, ruleId: string) {
  if (ruleId.startsWith("config:")) throw new ActionError(409, "read_only", `rule "${ruleId.slice(7)}" is defined in the configuration file: change it there`, { target: `alert-rule:${ruleId.slice(7, 100)}` });
  const row = isUuid(ruleId) ? await tx.alertRule.findUnique({ where: { id: ruleId } }) : null;
  if (!row) throw new ActionError(404, "not_found", `no alert rule with id "${ruleId.slice(0, 64)}"`, { target: `alert-rule-id:${ruleId.slice(0, 64)}` });
  return row;
}

export async function createRule(ctx: ActionContext<SaveRuleInput, unknown>): Promise<ActionOutcome> {
  await checkRule(ctx.tx, ctx.input, namesOf(ctx), null);
  const row = await ctx.tx.alertRule.create({ data: { name: ctx.input.name, source: "api", definition: ctx.input, updatedAt: ctx.now } });
  return { target: `alert-rule:${row.name}`, after: ctx.input, body: { id: row.id, rule: ctx.input }, status: 201 };
}

export async function updateRule(ctx: ActionContext<SaveRuleInput, { ruleId: string }>): Promise<ActionOutcome> {
  const row = await storedRule(ctx.tx, ctx.params.ruleId);
  await checkRule(ctx.tx, ctx.input, namesOf(ctx), row.id);
  await ctx.tx.alertRule.update({ where: { id: row.id }, data: { name: ctx.input.name, definition: ctx.input, updatedAt: ctx.now } });
  return { target: `alert-rule:${ctx.input.name}`, before: row.definition, after: ctx.input, body: { id: row.id, rule: ctx.input } };
}

export async function deleteRule(ctx: ActionContext<unknown, { ruleId: string }>): Promise<ActionOutcome> {
  const row = await storedRule(ctx.tx, ctx.params.ruleId);
  await ctx.tx.alertRule.delete({ where: { id: row.id } });
  return { target: `alert-rule:${row.name}`, before: row.definition, body: { deleted: row.id } };
}
