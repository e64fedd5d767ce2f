import { guard } from "@/lib/api/guard";
import { json, notFound } from "@/lib/api/http";
import { getPrisma } from "@/lib/db/prisma";
import { getReplay } from "@/lib/dlq/replay/query-replays";
import { isUuid } from "@/lib/util/uuid";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/replays/[replayId]", async (_request: Request, { params }: { params: Promise<{ replayId?: string }> }): Promise<Response> => {
  const replayId = (await params).replayId ?? "";
  const replay = isUuid(replayId) ? await getReplay(getPrisma(), replayId) : null;
  return replay ? json({ replay }) : notFound(`no replay with id "${replayId.slice(0, 64)}"`);
});
