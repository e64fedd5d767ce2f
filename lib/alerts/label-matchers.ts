// Label matchers for alert rules and silences, as in Alertmanager: `=`, `!=`, `=~`, `!~`, regexes anchored
// at both ends. The YAML shorthand `match: {queue: "orders*"}` is a glob (`*`, `?`) or an exact value. Pure.

export const MATCH_OPS = ["=", "!=", "=~", "!~"] as const;
export type MatchOp = (typeof MATCH_OPS)[number];

export interface LabelMatcher {
  label: string;
  op: MatchOp;
  value: string;
}

export type Labels = Readonly<Record<string, string>>;

const GLOB_CHARS = /[*?]/;

/** `payments-*` → `payments-.*` (other regex characters escaped). */
export function globToRegex(glob: string): string {
  return glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
}

/** The YAML `match:` map: a value with `*` or `?` is a glob, anything else must be equal. */
export function matchersFromMap(match: Readonly<Record<string, string>>): LabelMatcher[] {
  return Object.entries(match).map(([label, value]) => (GLOB_CHARS.test(value) ? { label, op: "=~", value: globToRegex(value) } : { label, op: "=", value }));
}

/** null when the matcher's regex compiles, else why not (for input validation). */
export function matcherProblem(matcher: LabelMatcher): string | null {
  if (matcher.op === "=" || matcher.op === "!=") return null;
  try {
    new RegExp(`^(?:${matcher.value})$`, "u");
    return null;
  } catch (error) {
    return `label ${matcher.label}: invalid regex ${JSON.stringify(matcher.value)} (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** A predicate over label sets; every matcher must hold (a missing label is the empty string, as in Alertmanager). */
export function compileMatchers(matchers: readonly LabelMatcher[]): (labels: Labels) => boolean {
  const tests = matchers.map((matcher): ((labels: Labels) => boolean) => {
    const valueOf = (labels: Labels) => labels[matcher.label] ?? "";
    switch (matcher.op) {
      case "=":
        return (labels) => valueOf(labels) === matcher.value;
      case "!=":
        return (labels) => valueOf(labels) !== matcher.value;
      case "=~": {
        const regex = new RegExp(`^(?:${matcher.value})$`, "u");
        return (labels) => regex.test(valueOf(labels));
      }
      case "!~": {
        const regex = new RegExp(`^(?:${matcher.value})$`, "u");
        return (labels) => !regex.test(valueOf(labels));
      }
    }
  });
  return (labels) => tests.every((test) => test(labels));
}
