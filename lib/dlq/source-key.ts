// A dead-letter source's key in the store: one string for a Kafka topic or a RabbitMQ queue. Pure.

export type DeadLetterSourceRef = { topic: string } | { vhost: string; queue: string };

/** "topic:<name>" or "queue:<vhost, URL-encoded>/<name>" (Postgres text cannot hold NUL; an encoded vhost has no "/"). */
export function sourceKeyOf(ref: DeadLetterSourceRef): string {
  return "topic" in ref ? `topic:${ref.topic}` : `queue:${encodeURIComponent(ref.vhost)}/${ref.queue}`;
}

export function sourceRefOf(key: string): DeadLetterSourceRef | null {
  if (key.startsWith("topic:")) return { topic: key.slice(6) };
  if (!key.startsWith("queue:")) return null;
  const rest = key.slice(6);
  const separator = rest.indexOf("/");
  if (separator < 0) return null;
  try {
    return { vhost: decodeURIComponent(rest.slice(0, separator)), queue: rest.slice(separator + 1) };
  } catch {
    return null;
  }
}
