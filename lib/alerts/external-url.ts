import type { QueuewatchConfig } from "@/lib/config/schema";

/** The URL links in notifications point at: `auth.publicUrl`, else QUEUEWATCH_PUBLIC_URL, else this machine's web port. */
export function alertExternalUrl(config: QueuewatchConfig, env: Record<string, string | undefined>): string {
  const url = config.auth.publicUrl ?? env.QUEUEWATCH_PUBLIC_URL ?? `http://localhost:${env.PORT ?? "3000"}`;
  return url.replace(/\/+$/, "");
}
