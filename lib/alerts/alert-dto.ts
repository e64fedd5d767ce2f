// What the alert API answers (client-safe types; the pages read these).
import type { AlertState } from "./alert-state";
import type { TransitionRecord } from "./evaluate-poll";
import type { LabelMatcher } from "./label-matchers";
import type { RuleInput, RuleSource } from "./rule-schema";

export interface AlertRuleDto {
  id: string;
  source: RuleSource;
  /** false for rules from the YAML config (change them in git) */
  editable: boolean;
  rule: RuleInput;
  /** instances now, by state */
  states: Partial<Record<AlertState, number>>;
  updatedAt: string | null;
}

export interface AlertInstanceDto {
  ruleId: string;
  ruleName: string;
  clusterId: string;
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** "resolved": recently resolved, kept until its resolve was sent */
  state: AlertState | "resolved";
  value: number | null;
  activeSince: string | null;
  notifyingSince: string | null;
  resolvedAt: string | null;
  lastEvaluatedAt: string | null;
  /** ids of the silences muting it now */
  silencedBy: string[];
  /** the page of the group, queue, topic or cluster it is about */
  path: string;
}

/** One state change (TransitionRecord with its time as ISO text). */
export type AlertTransitionDto = Omit<TransitionRecord, "at"> & { at: string };

export interface SilenceDto {
  id: string;
  matchers: LabelMatcher[];
  startsAt: string;
  endsAt: string;
  comment: string;
  createdBy: string;
  /** active | pending (starts later) | expired */
  status: "active" | "pending" | "expired";
}

export interface DeliveryDto {
  id: string;
  at: string;
  contactPoint: string;
  groupKey: string;
  status: string;
  alertCount: number;
  ok: boolean;
  attempts: number;
  responseStatus: number | null;
  response: string;
  error: string | null;
  durationMs: number;
}
