import { notFound } from "@/lib/api/http";

// Any /api path no route serves answers a JSON 404, never the HTML not-found page.
export const dynamic = "force-dynamic";

function unknownPath(request: Request): Response {
  return notFound(`no API endpoint ${request.method} ${new URL(request.url).pathname}`);
}

export const GET = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
export const HEAD = unknownPath;
export const OPTIONS = unknownPath;
