// "30d", "12h", "2w" → milliseconds, for token lifetimes. Pure.
const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
export const MAX_DURATION_MS = 3650 * UNIT_MS.d;

/** null when `text` is not a whole number of hours, days or weeks between 1 h and 10 years. */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})([hdw])$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms >= UNIT_MS.h && ms <= MAX_DURATION_MS ? ms : null;
}
