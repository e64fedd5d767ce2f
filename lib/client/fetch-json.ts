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

/** The sign-in page, coming back to `returnTo` (a path on this site) afterwards. */
export function loginPath(returnTo: string): string {
  return returnTo === "/" || returnTo.startsWith("/login") ? "/login" : `/login?next=${encodeURIComponent(returnTo)}`;
}

/** A session that ended (expired, signed out elsewhere) sends the browser to sign in, and back here afterwards. */
function redirectToLogin(): void {
  if (typeof window === "undefined") return;
  window.location.assign(loginPath(`${window.location.pathname}${window.location.search}`));
}

function failureOf(response: Response, body: unknown): ApiError {
  return new ApiError(isApiError(body) ? body.error.message : `request failed with ${response.status}`, response.status);
}

/** GET a Queuewatch API path; non-2xx answers become ApiError with the server's message (a 401 also goes to sign-in). */
export async function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401) redirectToLogin();
    throw failureOf(response, body);
  }
  return body as T;
}

/**
 * A change (POST, PUT, PATCH, DELETE, or a POST that computes, like a backtest; `signal` aborts it) with a JSON body, from this page (the browser adds the Origin header the
 * server checks). Non-2xx answers become ApiError with the server's message. A 401 from the sign-in
 * routes means a wrong password; from any other route the session has ended, so it goes to sign-in.
 */
export async function sendJson<T>(method: "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    method,
    signal,
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith("/api/auth/")) redirectToLogin();
    throw failureOf(response, answer);
  }
  return answer as T;
}
