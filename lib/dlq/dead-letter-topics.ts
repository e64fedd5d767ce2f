// Which Kafka topics are dead-letter topics, and which topic each one's messages came from, judged by name:
// patterns with `{topic}` for the source topic's name and `*` for anything ("{topic}-dlt", "dlq-{topic}").
// Headers confirm and add sources later (Spring's kafka_dlt-original-topic, Connect's __connect.errors.topic).
// Pure.

export const DEFAULT_DEAD_LETTER_TOPIC_PATTERNS = ["{topic}-dlt", "{topic}.DLT", "{topic}-dlq", "{topic}.dlq", "dlq-{topic}", "dlq.{topic}"] as const;

interface CompiledPattern {
  pattern: string;
  regex: RegExp;
  capturesTopic: boolean;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `{topic}` must appear at most once; `*` matches anything (also empty). Returns the problem, or null. */
export function deadLetterPatternProblem(pattern: string): string | null {
  if (pattern.trim() === "") return "is empty";
  if (pattern.split("{topic}").length > 2) return "has {topic} more than once";
  if (pattern.replaceAll("{topic}", "").replaceAll("*", "") === "") return "matches every topic (it needs some fixed text, like \"-dlt\")";
  return null;
}

export function compileDeadLetterPatterns(patterns: readonly string[]): CompiledPattern[] {
  return patterns.map((pattern) => {
    const source = pattern.split("{topic}").map((part) => part.split("*").map(escapeRegex).join(".*")).join("(.+)");
    return { pattern, regex: new RegExp(`^${source}$`), capturesTopic: pattern.includes("{topic}") };
  });
}

export interface DeadLetterTopicMatch {
  topic: string;
  /** the pattern that matched */
  pattern: string;
  /** the source topic by name, when the pattern names it and that topic exists */
  sourceByName: string | null;
}

/** The dead-letter topics among `topics` (first matching pattern wins), with their source topics by name. */
export function findDeadLetterTopics(topics: readonly string[], patterns: readonly CompiledPattern[]): DeadLetterTopicMatch[] {
  const existing = new Set(topics);
  return topics.flatMap((topic): DeadLetterTopicMatch[] => {
    for (const compiled of patterns) {
      const match = compiled.regex.exec(topic);
      if (!match) continue;
      const named = compiled.capturesTopic ? (match[1] ?? null) : null;
      return [{ topic, pattern: compiled.pattern, sourceByName: named !== null && named !== topic && existing.has(named) ? named : null }];
    }
    return [];
  });
}
