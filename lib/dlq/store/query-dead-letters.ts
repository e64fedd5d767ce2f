import "server-only";
// Held dead letters from the store: a filtered page, one message, top causes and counts per source. No broker call.
import { Prisma } from "@prisma/client";
import type { Db } from "@/lib/db/prisma";
import type { DeadLetterFilter } from "../dead-letter-filter";

export interface HeldSummaryRow {
  id: bigint;
  identity: string;
  holding: string;
  partition: number | null;
  offset: bigint | null;
  ts: Date;
  stored_at: Date;
  cause: string | null;
  original_topic: string | null;
  original_queue: string | null;
  payload_size: number;
  state: string;
}

export interface HeldMessageRow extends HeldSummaryRow {
  message_key: Uint8Array | null;
  headers: unknown;
  properties: unknown;
  payload: Uint8Array;
  payload_truncated: boolean;
  context: unknown;
}

/** The WHERE of a filter over one source; every value is a bound parameter. */
function where(clusterId: string, sourceKey: string, filter: DeadLetterFilter): Prisma.Sql {
  const conditions = [Prisma.sql`cluster_id = ${clusterId}`, Prisma.sql`source_key = ${sourceKey}`];
  if (filter.state !== "any") conditions.push(Prisma.sql`state = ${filter.state}`);
  if (filter.cause) conditions.push(Prisma.sql`cause = ${filter.cause}`);
  if (filter.exceptionClass) conditions.push(Prisma.sql`context #>> '{exception,className}' ILIKE ${`%${escapeLike(filter.exceptionClass)}%`}`);
  if (filter.original) conditions.push(Prisma.sql`(original_topic = ${filter.original} OR original_queue = ${filter.original})`);
  if (filter.header) {
    conditions.push(Prisma.sql`header_text ? ${filter.header}`);
    if (filter.headerValue) conditions.push(Prisma.sql`header_text ->> ${filter.header} ILIKE ${`%${escapeLike(filter.headerValue)}%`}`);
  }
  if (filter.text) conditions.push(Prisma.sql`position(${Buffer.from(filter.text, "utf8")}::bytea IN payload) > 0`);
  if (filter.from) conditions.push(Prisma.sql`ts >= ${filter.from}`);
  if (filter.to) conditions.push(Prisma.sql`ts < ${filter.to}`);
  return Prisma.join(conditions, " AND ");
}

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface PageRequest {
  limit: number;
  /** id of the last row of the previous page (newest first) */
  before: bigint | null;
  /** oldest first, from the row after this id (replay jobs walk a source this way) */
  after?: bigint;
}

/** A page of held messages, newest first, whole (payloads are masked before they are cut for display). */
export async function queryHeldMessages(db: Db, clusterId: string, sourceKey: string, filter: DeadLetterFilter, page: PageRequest): Promise<{ rows: HeldMessageRow[]; total: number }> {
  const condition = where(clusterId, sourceKey, filter);
  const [rows, counted] = await Promise.all([
    db.$queryRaw<HeldMessageRow[]>`
      SELECT id, identity, holding, partition, "offset", ts, stored_at, cause, original_topic, original_queue, payload_size, state,
             message_key, headers, properties, payload, payload_truncated, context
      FROM dead_letters WHERE ${condition} ${page.before === null ? Prisma.empty : Prisma.sql`AND id < ${page.before}`}
        ${page.after === undefined ? Prisma.empty : Prisma.sql`AND id > ${page.after}`}
      ORDER BY ${page.after === undefined ? Prisma.sql`id DESC` : Prisma.sql`id ASC`} LIMIT ${page.limit}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM dead_letters WHERE ${condition}`,
  ]);
  return { rows, total: counted[0]?.n ?? 0 };
}

export async function queryHeldMessage(db: Db, clusterId: string, sourceKey: string, id: bigint): Promise<HeldMessageRow | null> {
  const rows = await db.$queryRaw<HeldMessageRow[]>`
    SELECT id, identity, holding, partition, "offset", ts, stored_at, cause, original_topic, original_queue, payload_size, state,
           message_key, headers, properties, payload, payload_truncated, context
    FROM dead_letters WHERE cluster_id = ${clusterId} AND source_key = ${sourceKey} AND id = ${id}`;
  return rows[0] ?? null;
}

export interface CauseCount {
  cause: string | null;
  count: number;
}

/** The most common causes of the dead letters still waiting in each source of a cluster. */
export async function queryTopCauses(db: Db, clusterId: string, perSource: number): Promise<Map<string, CauseCount[]>> {
  const rows = await db.$queryRaw<{ source_key: string; cause: string | null; n: number }[]>`
    SELECT source_key, cause, n FROM (
      SELECT source_key, cause, count(*)::int AS n, row_number() OVER (PARTITION BY source_key ORDER BY count(*) DESC, cause) AS rank
      FROM dead_letters WHERE cluster_id = ${clusterId} AND state = 'dead' GROUP BY source_key, cause
    ) ranked WHERE rank <= ${perSource} ORDER BY source_key, n DESC, cause`;
  const out = new Map<string, CauseCount[]>();
  for (const row of rows) out.set(row.source_key, [...(out.get(row.source_key) ?? []), { cause: row.cause, count: row.n }]);
  return out;
}

export interface HeldCounts {
  held: number;
  dead: number;
  /** original topics or queues the held messages name, with counts */
  originals: { name: string; count: number }[];
}

export async function queryHeldCounts(db: Db, clusterId: string): Promise<Map<string, HeldCounts>> {
  const [states, originals] = await Promise.all([
    db.$queryRaw<{ source_key: string; held: number; dead: number }[]>`
      SELECT source_key, count(*)::int AS held, (count(*) FILTER (WHERE state = 'dead'))::int AS dead
      FROM dead_letters WHERE cluster_id = ${clusterId} GROUP BY source_key`,
    db.$queryRaw<{ source_key: string; name: string; n: number }[]>`
      SELECT source_key, coalesce(original_topic, original_queue) AS name, count(*)::int AS n
      FROM dead_letters WHERE cluster_id = ${clusterId} AND coalesce(original_topic, original_queue) IS NOT NULL
      GROUP BY source_key, coalesce(original_topic, original_queue) ORDER BY n DESC`,
  ]);
  const out = new Map<string, HeldCounts>();
  for (const row of states) out.set(row.source_key, { held: row.held, dead: row.dead, originals: [] });
  for (const row of originals) out.get(row.source_key)?.originals.push({ name: row.name, count: row.n });
  return out;
}
