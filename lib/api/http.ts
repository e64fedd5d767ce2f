import { NextResponse } from "next/server";
import type { ApiErrorDto } from "./types";

export function json<T>(body: T, init?: ResponseInit): NextResponse<T> {
  return NextResponse.json(body, { ...init, headers: { "cache-control": "no-store", ...init?.headers } });
}

function error(status: number, code: string, message: string): NextResponse<ApiErrorDto> {
  return json({ error: { code, message } }, { status });
}

export const badRequest = (message: string) => error(400, "bad_request", message);
export const notFound = (message: string) => error(404, "not_found", message);
export const serverError = (message: string) => error(500, "internal_error", message);
