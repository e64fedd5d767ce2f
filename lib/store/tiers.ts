import type { QueuewatchConfig } from "@/lib/config/schema";
import { chooseStepSeconds } from "./buckets";

export const TIERS = ["raw", "1m", "1h"] as const;
export type Tier = (typeof TIERS)[number];

/** Resolution of each tier in seconds (raw keeps every sample). */
export const TIER_RESOLUTION_SECONDS: Record<Tier, number> = { raw: 1, "1m": 60, "1h": 3600 };

export interface RetentionDays {
  raw: number;
  "1m": number;
  "1h": number;
}

export const DEFAULT_RETENTION_DAYS: RetentionDays = { raw: 7, "1m": 35, "1h": 400 };

/** Each tier's retention as configured. */
export function retentionDaysOf(config: QueuewatchConfig): RetentionDays {
  return { raw: config.retention.rawDays, "1m": config.retention.oneMinuteDays, "1h": config.retention.oneHourDays };
}

const DAY_MS = 86_400_000;

export interface TierChoice {
  tier: Tier;
  stepSeconds: number;
}

function roundUpToMultiple(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/**
 * Pure: picks the bucket step from range, point budget and the narrowest step the cluster's
 * poll interval allows (see minStepForPollInterval), then the coarsest tier that
 * is fine enough for that step and still holds data at `from` (its retention). If no
 * fine-enough tier reaches back that far, the step grows to the resolution of the finest
 * tier that does.
 */
export function chooseTier(fromMs: number, toMs: number, nowMs: number, maxPoints: number, retention: RetentionDays, minStepSeconds = 1): TierChoice {
  const step = chooseStepSeconds(fromMs, toMs, maxPoints, minStepSeconds);
  const covers = (tier: Tier) => fromMs >= nowMs - retention[tier] * DAY_MS;
  for (const tier of [...TIERS].reverse()) {
    const resolution = TIER_RESOLUTION_SECONDS[tier];
    if (step >= resolution && step % resolution === 0 && covers(tier)) return { tier, stepSeconds: step };
  }
  const reaching = TIERS.find(covers) ?? "1h";
  return { tier: reaching, stepSeconds: roundUpToMultiple(step, TIER_RESOLUTION_SECONDS[reaching]) };
}
