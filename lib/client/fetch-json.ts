import type { ApiErrorDto } from "@/lib/api/types";

export class ApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = "ApiError";
  }
}

function isApiError(body: unknown): body is ApiErrorDto {
  return typeof body === "object" && body !== null && "error" in body && typeof (body as ApiErrorDto).error?.message === "string";
}

/** GET a Queuewatch API path; non-2xx answers become ApiError with the server's message. */
export async function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(isApiError(body) ? body.error.message : `request failed with ${response.status}`, response.status);
  }
  return body as T;
}
