import "server-only";
import type { AlertRuleDto } from "../alert-dto";
import type { AlertRule, RuleInput } from "../rule-schema";

/** The rule as written (no compiled parts). */
export function ruleInputOf(rule: AlertRule): RuleInput {
  const { id: _id, source: _source, forMs: _forMs, keepFiringForMs: _keep, version: _version, ...input } = rule;
  return input;
}

export function toRuleDto(rule: AlertRule, states: AlertRuleDto["states"]): AlertRuleDto {
  return { id: rule.id, source: rule.source, editable: rule.source !== "config", rule: ruleInputOf(rule), states, updatedAt: rule.source === "config" ? null : new Date(rule.version).toISOString() };
}
