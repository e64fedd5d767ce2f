import { guard } from "@/lib/api/guard";
import { json, notFound } from "@/lib/api/http";
import { mutation } from "@/lib/api/mutation";
import { getRule } from "@/lib/alerts/rules/list-rules";
import { deleteRule, saveRuleInput, updateRule } from "@/lib/alerts/rules/save-rule";
import { getPrisma } from "@/lib/db/prisma";
import { noInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

type Params = { ruleId?: string };

export const GET = guard("GET /api/v1/alert-rules/[ruleId]", async (_request: Request, context: { params: Promise<Params> }): Promise<Response> => {
  // A malformed path can arrive without the segment.
  const ruleId = (await context.params).ruleId ?? "";
  const rule = await getRule(getPrisma(), ruleId);
  return rule ? json({ rule }) : notFound(`no alert rule with id "${ruleId.slice(0, 64)}"`);
});

export const PUT = mutation<typeof saveRuleInput, { ruleId: string }>("PUT /api/v1/alert-rules/[ruleId]", { action: "alert-rule.update", input: saveRuleInput, run: updateRule });

export const DELETE = mutation<typeof noInput, { ruleId: string }>("DELETE /api/v1/alert-rules/[ruleId]", { action: "alert-rule.delete", input: noInput, run: deleteRule });
