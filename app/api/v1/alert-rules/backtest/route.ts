import { backtestRequestSchema } from "@/lib/alerts/backtest/backtest-series";
import { encodeBacktest, runBacktest, TooManyEntitiesError } from "@/lib/alerts/backtest/run-backtest";
import { compileRule, toAlertRule } from "@/lib/alerts/compile-rule";
import { guard } from "@/lib/api/guard";
import { badRequest, json } from "@/lib/api/http";
import { describeInputIssues } from "@/lib/api/input-issues";
import { readJsonBody } from "@/lib/api/mutation";
import { getConfig } from "@/lib/config/load-config";
import { getPrisma } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

// A read (a computation over history, no change), so `guard`, not `mutation`: nothing to audit.
export const POST = guard("POST /api/v1/alert-rules/backtest", async (request: Request, _context: unknown): Promise<Response> => {
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const input = backtestRequestSchema.safeParse(body.value);
  if (!input.success) return badRequest(`invalid input: ${describeInputIssues(input.error)}`);
  const rule = compileRule(toAlertRule(input.data.rule, "backtest", "api", 0));
  try {
    return json(encodeBacktest(await runBacktest(getPrisma(), getConfig(), rule, input.data.range, new Date())));
  } catch (error) {
    if (error instanceof TooManyEntitiesError) return badRequest(error.message);
    throw error;
  }
});
