// One JSON POST, classified the way Alertmanager's notifiers do: 2xx delivered; 429, 5xx, network errors
// and timeouts worth retrying; any other status (4xx, a redirect) not.
import "server-only";
import { describeError } from "@/lib/util/describe-error";
import type { AttemptOutcome, SendContext } from "./sender";

export async function postJson(url: string, body: string, headers: Readonly<Record<string, string>>, context: SendContext): Promise<AttemptOutcome> {
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return { ok: false, status: null, response: "", error: "the url is not a valid http(s) URL", retryable: false };
  // Headers.set, not an object literal: names are case-insensitive, and configured ones may replace the User-Agent but not the Content-Type.
  const requestHeaders = new Headers({ "User-Agent": "Queuewatch" });
  for (const [name, value] of Object.entries(headers)) requestHeaders.set(name, value);
  requestHeaders.set("Content-Type", "application/json");
  try {
    // Redirects are not followed: they would carry the configured (secret) headers to another address.
    const response = await fetch(url, { method: "POST", headers: requestHeaders, body, redirect: "manual", signal: AbortSignal.timeout(context.timeoutMs) });
    const text = await response.text();
    const ok = response.status >= 200 && response.status < 300;
    const error = ok ? null : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    return { ok, status: response.status, response: text, error, retryable: !ok && (response.status === 429 || response.status >= 500) };
  } catch (error) {
    return { ok: false, status: null, response: "", error: describeError(error), retryable: true };
  }
}
