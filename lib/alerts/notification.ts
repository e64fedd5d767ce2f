// What the dispatcher hands a contact point, and what comes back. Client-safe types.
import type { LabelSet, NotifiedAlert } from "./alertmanager-format";

/** One notification of one alert group to one contact point (Alertmanager's template data). */
export interface GroupNotification {
  /** the contact point's name (Alertmanager's `receiver`) */
  receiver: string;
  /** `{}` for the root route (Alertmanager's route key); Queuewatch routes every contact point from the root */
  routeKey: string;
  groupLabels: LabelSet;
  /** firing and resolved alerts of the group, in Alertmanager's order */
  alerts: readonly NotifiedAlert[];
  /** Queuewatch's public URL (links in messages) */
  externalURL: string;
  /** when the notification is built (endsAt of pushed firing alerts is computed from it) */
  now: Date;
}

/** The outcome of one delivery, retries included: what the delivery log keeps. */
export interface DeliveryResult {
  ok: boolean;
  /** attempts made (1 = no retry) */
  attempts: number;
  /** the last HTTP status or SMTP response code; null when no answer came */
  status: number | null;
  /** the last answer's text, cut to 1,000 characters, secrets removed */
  response: string;
  /** why it failed (null when ok) */
  error: string | null;
  /** a failure worth trying again at the next group tick (network error, 5xx, 429); false for 4xx and bad settings */
  retryable: boolean;
  durationMs: number;
}
