import "server-only";
// Held dead letters into the store: a batch of rows of one source and, for indexed sources, the read
// position, in one transaction — so the position never moves past a message that was not stored, and a
// message read twice (a retry after a crash) is stored once (unique identity per source).
import { createHash } from "node:crypto";
import type { Db, DbTransaction } from "@/lib/db/prisma";
import type { DeadLetterRow } from "../held-message";

/** A captured message's content id: the same message delivered again hashes the same. */
export function contentHash(row: Pick<DeadLetterRow, "payload" | "headers" | "properties" | "messageKey">): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([row.headers, row.properties, row.messageKey === null ? null : Buffer.from(row.messageKey).toString("base64")]));
  hash.update(row.payload);
  return hash.digest("hex");
}

export interface CursorUpdate {
  partition: number;
  nextOffset: number;
  logStart: number;
}

/** Stores rows (skipping identities already stored) and moves the cursors; returns how many rows were new. */
export async function storeDeadLetters(tx: DbTransaction, clusterId: string, sourceKey: string, rows: readonly DeadLetterRow[], cursors: readonly CursorUpdate[], now: Date): Promise<number> {
  const created = rows.length === 0 ? { count: 0 } : await tx.deadLetter.createMany({
    skipDuplicates: true,
    data: rows.map((row) => ({
      clusterId, sourceKey,
      identity: row.identity,
      holding: row.holding,
      partition: row.partition,
      offset: row.offset === null ? null : BigInt(row.offset),
      ts: row.ts,
      storedAt: row.storedAt,
      contentHash: contentHash(row),
      messageKey: row.messageKey === null ? null : Buffer.from(row.messageKey),
      headers: row.headers,
      headerText: row.headerText,
      properties: row.properties ?? undefined,
      payload: Buffer.from(row.payload),
      payloadSize: row.payloadSize,
      payloadTruncated: row.payloadTruncated,
      cause: row.cause,
      context: JSON.parse(JSON.stringify(row.context)) as object,
      originalTopic: row.originalTopic,
      originalQueue: row.originalQueue,
    })),
  });
  for (const cursor of cursors) {
    await tx.deadLetterCursor.upsert({
      where: { clusterId_sourceKey_partition: { clusterId, sourceKey, partition: cursor.partition } },
      create: { clusterId, sourceKey, partition: cursor.partition, nextOffset: BigInt(cursor.nextOffset), logStart: BigInt(cursor.logStart), updatedAt: now },
      update: { nextOffset: BigInt(cursor.nextOffset), logStart: BigInt(cursor.logStart), updatedAt: now },
    });
  }
  return created.count;
}

/** Rows per transaction: 5,000 indexed records in one took 5.5–10.7 s on this machine under load, past Prisma's 5 s default. */
const ROWS_PER_TRANSACTION = 500;
const TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * Stores one partition's rows read by offset (in offset order) in transactions of ROWS_PER_TRANSACTION, each
 * moving the cursor just past its last row — the last one to `cursor` — so a failure part-way keeps what was
 * committed and the next pass goes on from there. `first` runs in the first transaction (e.g. dropping copies
 * below a moved log start). Returns how many rows were new.
 */
export async function storeReadRange(db: Db, clusterId: string, sourceKey: string, rows: readonly DeadLetterRow[], cursor: CursorUpdate, now: Date, first?: (tx: DbTransaction) => Promise<unknown>): Promise<number> {
  let stored = 0;
  for (let start = 0; start === 0 || start < rows.length; start += ROWS_PER_TRANSACTION) {
    const chunk = rows.slice(start, start + ROWS_PER_TRANSACTION);
    const last = start + ROWS_PER_TRANSACTION >= rows.length;
    const lastOffset = chunk.at(-1)?.offset ?? null;
    const position = last || lastOffset === null ? cursor : { ...cursor, nextOffset: lastOffset + 1 };
    stored += await db.$transaction(async (tx) => {
      if (start === 0 && first) await first(tx);
      return storeDeadLetters(tx, clusterId, sourceKey, chunk, [position], now);
    }, { timeout: TRANSACTION_TIMEOUT_MS });
  }
  return stored;
}

export interface StoredCursor {
  nextOffset: number;
  logStart: number;
  updatedAt: Date;
}

/** Where each partition of each of a cluster's sources was left (absent: never read), in one query: sourceKey → partition → cursor. */
export async function loadCursors(db: Db, clusterId: string): Promise<Map<string, Map<number, StoredCursor>>> {
  const rows = await db.deadLetterCursor.findMany({ where: { clusterId } });
  const out = new Map<string, Map<number, StoredCursor>>();
  for (const row of rows) {
    const partitions = out.get(row.sourceKey) ?? new Map<number, StoredCursor>();
    partitions.set(row.partition, { nextOffset: Number(row.nextOffset), logStart: Number(row.logStart), updatedAt: row.updatedAt });
    out.set(row.sourceKey, partitions);
  }
  return out;
}
