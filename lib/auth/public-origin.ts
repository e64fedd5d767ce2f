import type { AuthConfig } from "@/lib/config/schema";

/** The origin users reach Queuewatch at: the configured public URL, else the request's Host (and X-Forwarded-* behind a proxy). */
export function publicOrigin(headers: Headers, auth: AuthConfig): string {
  if (auth.publicUrl !== undefined) return new URL(auth.publicUrl).origin;
  const proto = headers.get("x-forwarded-proto") ?? "http";
  return `${proto}://${headers.get("x-forwarded-host") ?? headers.get("host") ?? "127.0.0.1"}`;
}
