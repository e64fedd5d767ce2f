import { guard } from "@/lib/api/guard";
import { json } from "@/lib/api/http";
import { mutation } from "@/lib/api/mutation";
import { listRules } from "@/lib/alerts/rules/list-rules";
import { createRule, saveRuleInput } from "@/lib/alerts/rules/save-rule";
import { getPrisma } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/alert-rules", async (): Promise<Response> => json(await listRules(getPrisma())));

export const POST = mutation("POST /api/v1/alert-rules", { action: "alert-rule.create", input: saveRuleInput, run: createRule });
