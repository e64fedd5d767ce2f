// Which held dead letters a browse, a count or a replay means: by cause, exception class, original topic or
// queue, a header's value, payload text and time. One schema for the API's query string and replay jobs.
// Client-safe.
import { z } from "@/lib/util/zod";
import type { DeadLetterRow } from "./held-message";

export const DEAD_LETTER_STATES = ["dead", "replayed", "discarded", "parked"] as const;
export type DeadLetterState = (typeof DEAD_LETTER_STATES)[number];

const text = z.string().trim().min(1).max(500);
const isoTime = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const deadLetterFilterSchema = z.strictObject({
  /** RabbitMQ's reason or the exception class, exactly as grouped in "top causes" */
  cause: text.optional(),
  /** a substring of the exception class name */
  exceptionClass: text.optional(),
  /** the original topic or queue, exactly */
  original: text.optional(),
  /** a header's name; with headerValue, a substring of its text */
  header: text.optional(),
  headerValue: text.optional(),
  /** bytes the payload contains (case-sensitive) */
  text: text.optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  /** default "dead": the ones still waiting */
  state: z.enum([...DEAD_LETTER_STATES, "any"]).default("dead"),
});

export type DeadLetterFilter = z.infer<typeof deadLetterFilterSchema>;
export type DeadLetterFilterInput = z.input<typeof deadLetterFilterSchema>;

/** The first index of `needle` in `haystack`, or -1. */
function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const containsIgnoringCase = (text: string | null | undefined, part: string): boolean => text !== null && text !== undefined && text.toLowerCase().includes(part.toLowerCase());

/** The filter over a message read live (the store applies the same conditions in SQL: lib/dlq/store/query-dead-letters.ts). */
/** A message read live (all of them still waiting), as its row: whether the filter selects it. */
export function matchesLiveRow(row: DeadLetterRow, filter: DeadLetterFilter): boolean {
  return matchesDeadLetterFilter({ ...row, state: "dead", exceptionClass: row.context.exception?.className ?? null }, filter);
}

export function matchesDeadLetterFilter(
  message: { state: string; cause: string | null; exceptionClass: string | null; originalTopic: string | null; originalQueue: string | null; headerText: Readonly<Record<string, string>>; payload: Uint8Array; ts: Date },
  filter: DeadLetterFilter,
): boolean {
  if (filter.state !== "any" && message.state !== filter.state) return false;
  if (filter.cause !== undefined && message.cause !== filter.cause) return false;
  if (filter.exceptionClass !== undefined && !containsIgnoringCase(message.exceptionClass, filter.exceptionClass)) return false;
  if (filter.original !== undefined && message.originalTopic !== filter.original && message.originalQueue !== filter.original) return false;
  if (filter.header !== undefined) {
    if (!(filter.header in message.headerText)) return false;
    if (filter.headerValue !== undefined && !containsIgnoringCase(message.headerText[filter.header], filter.headerValue)) return false;
  }
  if (filter.text !== undefined && indexOfBytes(message.payload, new TextEncoder().encode(filter.text)) < 0) return false;
  if (filter.from !== undefined && message.ts < filter.from) return false;
  if (filter.to !== undefined && message.ts >= filter.to) return false;
  return true;
}

/** Which source a request means: `?topic=` (Kafka) or `?vhost=&queue=` (RabbitMQ). */
export const sourceParamsSchema = z
  .object({ topic: z.string().min(1).optional(), vhost: z.string().min(1).optional(), queue: z.string().min(1).optional() })
  .transform((q, ctx) => {
    if (q.topic !== undefined && q.queue === undefined && q.vhost === undefined) return { topic: q.topic };
    if (q.topic === undefined && q.queue !== undefined && q.vhost !== undefined) return { vhost: q.vhost, queue: q.queue };
    ctx.addIssue({ code: "custom", path: ["topic"], message: "name the dead letters' source: ?topic=<name> for Kafka, or ?vhost=<vhost>&queue=<name> for RabbitMQ" });
    return z.NEVER;
  });

/** `GET …/dead-letters/messages`: the source, the filter and the page. */
export const deadLetterPageQuerySchema = z
  .looseObject({ limit: z.coerce.number().int().min(1).max(100).default(50), before: z.string().regex(/^\d{1,19}$/, "must be a message id from nextBefore").optional() })
  .transform((q, ctx) => {
    const { limit, before, topic, vhost, queue, ...rest } = q;
    const source = sourceParamsSchema.safeParse({ topic, vhost, queue });
    const filter = deadLetterFilterSchema.safeParse(rest);
    for (const issue of [...(source.error?.issues ?? []), ...(filter.error?.issues ?? [])]) ctx.addIssue({ code: "custom", path: issue.path.map(String), message: issue.message });
    if (!source.success || !filter.success) return z.NEVER;
    return { source: source.data, filter: filter.data, page: { limit, before: before === undefined ? null : BigInt(before) } };
  });

/** A held message's id from a path segment, or null. */
export const messageIdOf = (segment: string): bigint | null => (/^\d{1,19}$/.test(segment) ? BigInt(segment) : null);
