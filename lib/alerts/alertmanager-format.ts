// Alertmanager's wire formats, reproduced exactly so any receiver written for Alertmanager works with
// Queuewatch's webhook: the webhook body (version "4"), the alert fingerprint, the group key and Go's time
// format. Checked against the body a real Alertmanager 0.25 sent (docs/alerts-research.md §1). Pure.

export type LabelSet = Readonly<Record<string, string>>;

/** Labels with their keys sorted (Go encodes maps sorted; receivers may compare bodies byte for byte). */
export function sortedLabels(labels: LabelSet): Record<string, string> {
  return Object.fromEntries(Object.keys(labels).sort().map((key) => [key, labels[key] ?? ""]));
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;
const SEPARATOR = 0xffn;

/** Prometheus' label-set fingerprint: 64-bit FNV-1a over `name 0xFF value 0xFF` of the sorted pairs, 16 hex digits. */
export function fingerprint(labels: LabelSet): string {
  let hash = FNV_OFFSET;
  const mix = (byte: bigint) => {
    hash = ((hash ^ byte) * FNV_PRIME) & MASK_64;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const part of [name, labels[name] ?? ""]) {
      for (const byte of Buffer.from(part, "utf8")) mix(BigInt(byte));
      mix(SEPARATOR);
    }
  }
  return hash.toString(16).padStart(16, "0");
}

/** Go's RFC3339Nano as Alertmanager writes it: fractional seconds without trailing zeros (".770Z" → ".77Z", ".000Z" → "Z"). */
export function goTime(at: Date): string {
  return at.toISOString().replace(/\.(\d*?)0+Z$/, (_m, digits: string) => (digits === "" ? "Z" : `.${digits}Z`));
}

/** The "zero time" Alertmanager sends as the endsAt of a firing alert. */
export const GO_ZERO_TIME = "0001-01-01T00:00:00Z";

/** Go's strconv.Quote for label values (as in Prometheus' LabelSet.String()): escapes quotes, backslashes and control characters. */
function goQuote(value: string): string {
  return `"${value.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)}"`;
}

/** `{alertname="X", cluster="prod"}`: Prometheus' LabelSet.String(), sorted. */
export function labelSetString(labels: LabelSet): string {
  return `{${Object.keys(labels).sort().map((name) => `${name}=${goQuote(labels[name] ?? "")}`).join(", ")}}`;
}

/** Alertmanager's group key: the route's key (`{}` for the root route) and the group labels. */
export const groupKey = (routeKey: string, groupLabels: LabelSet): string => `${routeKey}:${labelSetString(groupLabels)}`;

export interface NotifiedAlert {
  status: "firing" | "resolved";
  labels: LabelSet;
  annotations: LabelSet;
  startsAt: Date;
  /** null while firing */
  endsAt: Date | null;
  generatorURL: string;
}

/** The pairs every alert has with the same value (Alertmanager's commonLabels / commonAnnotations). */
function common(sets: readonly LabelSet[]): Record<string, string> {
  const [first, ...rest] = sets;
  if (!first) return {};
  return sortedLabels(Object.fromEntries(Object.entries(first).filter(([key, value]) => rest.every((set) => set[key] === value))));
}

export interface WebhookMessage {
  receiver: string;
  status: "firing" | "resolved";
  alerts: { status: "firing" | "resolved"; labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; endsAt: string; generatorURL: string; fingerprint: string }[];
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  version: "4";
  groupKey: string;
  truncatedAlerts: number;
}

/** The webhook body for one notification of one group, keys in Alertmanager's order. `maxAlerts` 0 = all. */
export function webhookMessage(input: { receiver: string; routeKey: string; groupLabels: LabelSet; alerts: readonly NotifiedAlert[]; externalURL: string; maxAlerts?: number }): WebhookMessage {
  const max = input.maxAlerts ?? 0;
  const shown = max > 0 ? input.alerts.slice(0, max) : input.alerts;
  return {
    receiver: input.receiver,
    status: input.alerts.some((alert) => alert.status === "firing") ? "firing" : "resolved",
    alerts: shown.map((alert) => ({
      status: alert.status,
      labels: sortedLabels(alert.labels),
      annotations: sortedLabels(alert.annotations),
      startsAt: goTime(alert.startsAt),
      endsAt: alert.endsAt === null ? GO_ZERO_TIME : goTime(alert.endsAt),
      generatorURL: alert.generatorURL,
      fingerprint: fingerprint(alert.labels),
    })),
    groupLabels: sortedLabels(input.groupLabels),
    commonLabels: common(shown.map((alert) => alert.labels)),
    commonAnnotations: common(shown.map((alert) => alert.annotations)),
    externalURL: input.externalURL,
    version: "4",
    groupKey: groupKey(input.routeKey, input.groupLabels),
    truncatedAlerts: input.alerts.length - shown.length,
  };
}

/** JSON as Go's encoder writes it: `<`, `>` and `&` escaped, one line and a newline. */
export function goJson(value: unknown): string {
  return `${JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)}\n`;
}
