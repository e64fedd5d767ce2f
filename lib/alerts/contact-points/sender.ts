// What one contact-point type implements: a single delivery attempt. Retries, secret scrubbing and the
// DeliveryResult are sendNotification's job, the same for every type.
import type { ContactPointSettings } from "@/lib/alerts/contact-point-schema";
import type { GroupNotification } from "@/lib/alerts/notification";

export interface AttemptOutcome {
  ok: boolean;
  /** HTTP status or SMTP reply code; null when no answer came */
  status: number | null;
  /** the answer's text, whole (sendNotification scrubs and cuts it) */
  response: string;
  error: string | null;
  /** worth another attempt: network errors, timeouts, HTTP 429/5xx, SMTP 4xx */
  retryable: boolean;
}

export interface SendContext {
  /** per attempt */
  timeoutMs: number;
}

/** One attempt with resolved settings; never throws for a failed delivery. */
export type Sender<T extends ContactPointSettings> = (settings: T, notification: GroupNotification, context: SendContext) => Promise<AttemptOutcome>;
