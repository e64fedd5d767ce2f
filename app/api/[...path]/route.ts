import { guard } from "@/lib/api/guard";
import { notFound } from "@/lib/api/http";

// Any /api path no route serves answers a JSON 404, never the HTML not-found page.
export const dynamic = "force-dynamic";

function unknownPath(request: Request): Response {
  return notFound(`no API endpoint ${request.method} ${new URL(request.url).pathname}`);
}

export const GET = guard("GET /api/[...path]", async (request: Request) => unknownPath(request));
export const POST = guard("POST /api/[...path]", async (request: Request) => unknownPath(request));
export const PUT = guard("PUT /api/[...path]", async (request: Request) => unknownPath(request));
export const PATCH = guard("PATCH /api/[...path]", async (request: Request) => unknownPath(request));
export const DELETE = guard("DELETE /api/[...path]", async (request: Request) => unknownPath(request));
export const HEAD = guard("HEAD /api/[...path]", async (request: Request) => unknownPath(request));
export const OPTIONS = guard("OPTIONS /api/[...path]", async (request: Request) => unknownPath(request));
