// Which RabbitMQ dead-letter queues are in capture mode: Queuewatch moves their messages into its own store
// (each acknowledged only after its row is committed) and browses and replays them from there. Opt-in per
// queue, for queues that cannot be read and put back: a quorum queue counts every message put back against
// its delivery limit. Patterns: "name" (vhost "/"), "vhost/name"; "*" matches anything. Pure and client-safe.

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Returns the problem with a pattern, or null. */
export function capturePatternProblem(pattern: string): string | null {
  if (pattern.trim() === "") return "is empty";
  if (pattern.split("/").length > 2) return 'has more than one "/" (write "vhost/queue"; a vhost with "/" in its name is written URL-encoded, e.g. "%2Fprod/orders.dlq")';
  return null;
}

export type CaptureMatcher = (vhost: string, queue: string) => boolean;

export function compileCapturePatterns(patterns: readonly string[]): CaptureMatcher {
  const compiled = patterns.map((pattern) => {
    const separator = pattern.indexOf("/");
    const vhost = separator < 0 ? "/" : decodeURIComponent(pattern.slice(0, separator));
    const queue = separator < 0 ? pattern : pattern.slice(separator + 1);
    const regex = (text: string) => new RegExp(`^${text.split("*").map(escapeRegex).join(".*")}$`);
    return { vhost: regex(vhost), queue: regex(queue) };
  });
  return (vhost, queue) => compiled.some((p) => p.vhost.test(vhost) && p.queue.test(queue));
}
