import { NextResponse } from "next/server";
import type { ApiErrorDto } from "./types";

export function json<T>(body: T, init?: ResponseInit): NextResponse<T> {
  return NextResponse.json(body, { ...init, headers: { "cache-control": "no-store", ...init?.headers } });
}

export function apiError(status: number, code: string, message: string, headers?: Record<string, string>): NextResponse<ApiErrorDto> {
  return json({ error: { code, message } }, { status, headers });
}
const error = apiError;

export const badRequest = (message: string) => error(400, "bad_request", message);
export const notFound = (message: string) => error(404, "not_found", message);
export const serverError = (message: string) => error(500, "internal_error", message);
export const unauthorized = (message: string) => apiError(401, "unauthenticated", message, { "www-authenticate": 'Bearer realm="queuewatch"' });
export const forbidden = (code: string, message: string) => apiError(403, code, message);
