import { withHeldMessage } from "@/lib/api/dead-letter-route";
import { guard } from "@/lib/api/guard";
import { notFound } from "@/lib/api/http";
import { downloadDeadLetter } from "@/lib/dlq/browse-dead-letters";

export const dynamic = "force-dynamic";

/** The payload as bytes, always as a download (never rendered by the browser); masked like the page. */
export const GET = guard("GET /api/v1/clusters/[id]/dead-letters/messages/[messageId]/payload", async (request: Request, { params }: { params: Promise<{ id: string; messageId: string }> }, principal): Promise<Response> => {
  const { id, messageId } = await params;
  return withHeldMessage(request, id, messageId, principal, async (ctx) => {
    const found = await downloadDeadLetter(ctx.db, ctx.config, ctx.cluster, ctx.principal, ctx.source, ctx.id);
    if (!found) return notFound(`no dead letter ${ctx.id} in this source`);
    return new Response(Buffer.from(found.payload), {
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": `attachment; filename="dead-letter-${ctx.id}.bin"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "x-queuewatch-masked": String(found.masked),
        "x-queuewatch-truncated": String(found.truncated),
      },
    });
  });
});
