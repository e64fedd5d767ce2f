// A dead-letter source's key in the store: one string for a Kafka topic or a RabbitMQ queue. Pure.

export type DeadLetterSourceRef = { topic: string } | { vhost: string; queue: string };

/** "topic:<name>" or "queue:<vhost>\u0000<name>" (a vhost cannot contain NUL). */
export function sourceKeyOf(ref: DeadLetterSourceRef): string {
  return "topic" in ref ? `topic:${ref.topic}` : `queue:${ref.vhost}\u0000${ref.queue}`;
}

export function sourceRefOf(key: string): DeadLetterSourceRef | null {
  if (key.startsWith("topic:")) return { topic: key.slice(6) };
  if (!key.startsWith("queue:")) return null;
  const rest = key.slice(6);
  const separator = rest.indexOf("\u0000");
  return separator < 0 ? null : { vhost: rest.slice(0, separator), queue: rest.slice(separator + 1) };
}
