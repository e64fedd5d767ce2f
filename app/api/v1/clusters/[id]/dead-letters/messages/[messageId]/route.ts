import { withHeldMessage } from "@/lib/api/dead-letter-route";
import { guard } from "@/lib/api/guard";
import { json, notFound } from "@/lib/api/http";
import { readDeadLetter } from "@/lib/dlq/browse-dead-letters";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/clusters/[id]/dead-letters/messages/[messageId]", async (request: Request, { params }: { params: Promise<{ id: string; messageId: string }> }, principal): Promise<Response> => {
  const { id, messageId } = await params;
  return withHeldMessage(request, id, messageId, principal, async (ctx) => {
    const message = await readDeadLetter(ctx.db, ctx.config, ctx.cluster, ctx.principal, ctx.source, ctx.id);
    return message ? json({ message }) : notFound(`no dead letter ${ctx.id} in this source`);
  });
});
