// Token lifetimes: "30d", "12h", "2w" (any Prometheus-style duration) between 1 hour and 10 years. Pure.
import { parseDuration as parsePrometheusDuration } from "@/lib/util/duration";

const HOUR_MS = 3_600_000;
export const MAX_DURATION_MS = 3650 * 24 * HOUR_MS;

/** null when `text` is not a duration between 1 h and 10 years. */
export function parseDuration(text: string): number | null {
  const ms = parsePrometheusDuration(text);
  return ms !== null && ms >= HOUR_MS && ms <= MAX_DURATION_MS ? ms : null;
}
