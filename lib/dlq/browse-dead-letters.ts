import "server-only";
// Browsing a dead-letter source: held messages (indexed copies, captured messages) come from the store; a
// classic queue's are read live and put back. Every answer is decoded, capped and masked for the reader.
import type { Principal } from "@/lib/auth/roles";
import { listDeadLetters, peekDeadLetters } from "@/lib/brokers/registry";
import type { ClusterConfig, QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import type { DeadLetterMessageDto, DeadLetterPageDto, DeadLetterSourceDto } from "./dead-letter-dto";
import { matchesLiveRow, type DeadLetterFilter } from "./dead-letter-filter";
import { readerIsMasked, viewMessage, type ViewableMessage } from "./dead-letter-view";
import type { DeadLetterContext } from "./decode-dead-letter";
import { deadLetterRow } from "./held-message";
import { compileMask, isEmptyMask, maskPayload, type CompiledMask } from "./mask-payload";
import { sourceKeyOf, type DeadLetterSourceRef } from "./source-key";
import { queryHeldMessage, queryHeldMessages, type HeldMessageRow } from "./store/query-dead-letters";

/** Bytes of each payload in a list; one message's own answer shows `deadLetters.previewBytes`. */
export const LIST_PREVIEW_BYTES = 2048;
/** Messages one live read takes off a classic queue (and puts back). */
export const PEEK_LIMIT = 500;

export class BrowseError extends Error {
  constructor(readonly status: 404 | 409, message: string) {
    super(message);
  }
}

function maskFor(config: QueuewatchConfig, principal: Principal): CompiledMask | null {
  return readerIsMasked(principal, config.deadLetters.maskedFor) ? compileMask(config.deadLetters.masking) : null;
}

async function findSource(db: Db, cluster: ClusterConfig, ref: DeadLetterSourceRef): Promise<DeadLetterSourceDto> {
  const key = sourceKeyOf(ref);
  const source = (await listDeadLetters(db, cluster)).find((s) => s.key === key);
  const name = "topic" in ref ? `topic "${ref.topic}"` : `queue "${ref.queue}" in vhost "${ref.vhost}"`;
  if (!source) throw new BrowseError(404, `${name} is not a dead-letter ${"topic" in ref ? "topic" : "queue"} of cluster "${cluster.id}" (as of its latest poll)`);
  return source;
}

function heldView(row: HeldMessageRow): ViewableMessage {
  return {
    id: row.id.toString(), identity: row.identity, partition: row.partition, offset: row.offset === null ? null : Number(row.offset),
    time: row.ts, cause: row.cause, original: row.original_topic ?? row.original_queue, state: row.state,
    key: row.message_key, headers: row.headers, properties: row.properties,
    payload: row.payload, payloadSize: row.payload_size, payloadTruncated: row.payload_truncated,
    context: row.context as DeadLetterContext,
  };
}

export async function browseDeadLetters(db: Db, config: QueuewatchConfig, cluster: ClusterConfig, principal: Principal, ref: DeadLetterSourceRef, filter: DeadLetterFilter, page: { limit: number; before: bigint | null }): Promise<DeadLetterPageDto> {
  const source = await findSource(db, cluster, ref);
  const mask = maskFor(config, principal);
  if (source.browse === "peek") {
    const now = new Date();
    const rows = (await peekDeadLetters(cluster, ref, PEEK_LIMIT)).map((message) => deadLetterRow(message, "capture", now, Number.MAX_SAFE_INTEGER));
    const matching = rows.filter((row) => matchesLiveRow(row, filter));
    const messages = matching.slice(0, page.limit).map((row) => viewMessage({ id: null, identity: row.identity, partition: null, offset: null, time: row.ts, cause: row.cause, original: row.originalTopic ?? row.originalQueue, state: "dead", key: null, headers: row.headers, properties: row.properties, payload: row.payload, payloadSize: row.payloadSize, payloadTruncated: false, context: row.context }, mask, LIST_PREVIEW_BYTES));
    return { source, messages, total: matching.length, nextBefore: null };
  }
  if (source.browse !== "index" && source.browse !== "capture") {
    const what = source.type === "unknown" ? "queue (its type is not known yet: it comes with the next definitions read)" : `${source.type} queue`;
    throw new BrowseError(409, `the ${what} "${"queue" in ref ? ref.queue : ""}" cannot be browsed without changing it: reading a quorum queue and putting the messages back counts against their delivery limit. Put it in capture mode (the cluster's deadLetterCapture): the collector then moves its dead letters into Queuewatch's store, each acknowledged only once stored, and they are browsed and replayed from there.`);
  }
  const { rows, total } = await queryHeldMessages(db, cluster.id, source.key, filter, page);
  const messages = rows.map((row) => viewMessage(heldView(row), mask, LIST_PREVIEW_BYTES));
  const last = rows.at(-1);
  return { source, messages, total, nextBefore: rows.length === page.limit && last ? last.id.toString() : null };
}

/** One held message with its full preview (`deadLetters.previewBytes`), or null. */
export async function readDeadLetter(db: Db, config: QueuewatchConfig, cluster: ClusterConfig, principal: Principal, ref: DeadLetterSourceRef, id: bigint): Promise<DeadLetterMessageDto | null> {
  const source = await findSource(db, cluster, ref);
  const row = await queryHeldMessage(db, cluster.id, source.key, id);
  return row ? viewMessage(heldView(row), maskFor(config, principal), config.deadLetters.previewBytes) : null;
}

/** A held message's payload for download: masked like the page, and only as much as Queuewatch holds. */
export async function downloadDeadLetter(db: Db, config: QueuewatchConfig, cluster: ClusterConfig, principal: Principal, ref: DeadLetterSourceRef, id: bigint): Promise<{ payload: Uint8Array; truncated: boolean; masked: boolean } | null> {
  const source = await findSource(db, cluster, ref);
  const row = await queryHeldMessage(db, cluster.id, source.key, id);
  if (!row) return null;
  const mask = maskFor(config, principal);
  const masked = mask !== null && !isEmptyMask(mask);
  return { payload: masked ? maskPayload(row.payload, mask) : row.payload, truncated: row.payload_truncated, masked };
}
