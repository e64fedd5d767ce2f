// Client-safe and pure: the new-silence form's draft, checked with the API's own schema before it is sent,
// each problem placed next to the field it is about.
import type { AlertInstanceDto } from "@/lib/alerts/alert-dto";
import { compileMatchers, matcherProblem, type LabelMatcher, type MatchOp } from "@/lib/alerts/label-matchers";
import { createSilenceInput, type CreateSilenceInput } from "@/lib/alerts/silences/silence-input";

export const SILENCE_DURATIONS = [
  { key: "1h", label: "1 hour", ms: 3600_000 },
  { key: "4h", label: "4 hours", ms: 4 * 3600_000 },
  { key: "1d", label: "1 day", ms: 86_400_000 },
  { key: "custom", label: "Until…", ms: null },
] as const;
export type DurationKey = (typeof SILENCE_DURATIONS)[number]["key"];

export interface MatcherDraft {
  label: string;
  op: MatchOp;
  value: string;
}

export interface SilenceDraft {
  matchers: MatcherDraft[];
  duration: DurationKey;
  /** the custom end as an ISO instant ("" when not chosen or unreadable) */
  customEnd: string;
  comment: string;
}

export interface SilenceProblems {
  /** one entry per matcher row */
  matchers: (string | null)[];
  endsAt: string | null;
  comment: string | null;
  /** about the form as a whole (e.g. "would silence every alert") */
  general: string[];
}

export const BLANK_MATCHER: MatcherDraft = { label: "", op: "=", value: "" };

const FIELD_NAMES: Record<string, string> = { label: "label", op: "operator", value: "value" };

/** The silence to send (ending `duration` after `nowMs`), or what is wrong with the draft. */
export function checkSilenceDraft(draft: SilenceDraft, nowMs: number): { ok: true; input: CreateSilenceInput } | { ok: false; problems: SilenceProblems } {
  const preset = SILENCE_DURATIONS.find((d) => d.key === draft.duration);
  const endsAt = preset?.ms ? new Date(nowMs + preset.ms).toISOString() : draft.customEnd;
  const problems: SilenceProblems = { matchers: draft.matchers.map(() => null), endsAt: null, comment: null, general: [] };
  if (endsAt === "") problems.endsAt = "choose when the silence ends";
  const candidate = {
    matchers: draft.matchers.map((m) => ({ label: m.label.trim(), op: m.op, value: m.value })),
    // a placeholder end keeps the other checks running while the end is missing
    endsAt: endsAt === "" ? new Date(nowMs + 3600_000).toISOString() : endsAt,
    comment: draft.comment,
  };
  const parsed = createSilenceInput.safeParse(candidate);
  if (parsed.success && problems.endsAt === null) return { ok: true, input: parsed.data };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [field, index, part] = issue.path;
    if (field === "matchers" && typeof index === "number" && index < problems.matchers.length) {
      const prefix = typeof part === "string" ? `${FIELD_NAMES[part] ?? part}: ` : "";
      problems.matchers[index] ??= `${prefix}${issue.message}`;
    } else if (field === "endsAt") {
      problems.endsAt ??= issue.message;
    } else if (field === "comment") {
      problems.comment ??= issue.message;
    } else {
      problems.general.push(field === "matchers" ? `Matchers: ${issue.message}` : issue.message);
    }
  }
  return { ok: false, problems };
}

/** The current alerts a draft's matchers would mute, or null while a matcher is incomplete or its regex invalid. */
export function alertsMatchedBy(matchers: readonly MatcherDraft[], alerts: readonly AlertInstanceDto[]): AlertInstanceDto[] | null {
  const clean: LabelMatcher[] = matchers.map((m) => ({ label: m.label.trim(), op: m.op, value: m.value }));
  if (clean.length === 0 || clean.some((m) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(m.label) || matcherProblem(m) !== null)) return null;
  const test = compileMatchers(clean);
  return alerts.filter((alert) => alert.state !== "resolved" && test(alert.labels));
}
