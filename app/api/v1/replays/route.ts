import { guard } from "@/lib/api/guard";
import { badRequest, json } from "@/lib/api/http";
import { mutation } from "@/lib/api/mutation";
import { parseSearchParams } from "@/lib/api/query-params";
import { getPrisma } from "@/lib/db/prisma";
import { checkReplaySource, createReplay } from "@/lib/dlq/replay/replay-actions";
import { listReplays } from "@/lib/dlq/replay/query-replays";
import { replayInputSchema, replayListQuerySchema } from "@/lib/dlq/replay-input";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/replays", async (request: Request): Promise<Response> => {
  const query = parseSearchParams(replayListQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return badRequest(query.message);
  return json({ replays: await listReplays(getPrisma(), { clusterId: query.value.cluster, limit: query.value.limit }) });
});

export const POST = mutation("POST /api/v1/replays", { action: "replay.create", input: replayInputSchema, precheck: checkReplaySource, run: createReplay });
