import "server-only";
import type { Db } from "@/lib/db/prisma";
import { BULK_STATEMENT_ROWS, chunks } from "@/lib/util/chunks";

export type Labels = Readonly<Record<string, string>>;

export interface SeriesRef {
  metric: string;
  labels: Labels;
}

/**
 * Maps (cluster, metric, labels) to series ids, creating series on first sight. Ids are
 * cached for the life of the process, so a steady-state poll makes no lookup query.
 */
export class SeriesRegistry {
  private readonly ids = new Map<string, number>();

  async resolve(db: Db, clusterId: string, refs: readonly SeriesRef[]): Promise<number[]> {
    // The cache key needs no canonical order: the same labels in another key order only
    // cost a second cache entry for the same id (the database resolves both alike).
    // Skipping sort + JSON per sample keeps a steady-state poll cheap.
    const keys = refs.map((ref) => cacheKey(clusterId, ref));
    const missing = [...new Set(keys.filter((key) => !this.ids.has(key)))];
    const refByKey = missing.length > 0 ? new Map(keys.map((key, i) => [key, refs[i] as SeriesRef])) : new Map<string, SeriesRef>();
    for (const batch of chunks(missing, BULK_STATEMENT_ROWS)) {
      const metrics = batch.map((key) => refByKey.get(key)?.metric ?? "");
      const labels = batch.map((key) => JSON.stringify(refByKey.get(key)?.labels ?? {}));
      // labels_key is jsonb's own text form, computed in SQL so every writer agrees.
      await db.$executeRaw`
        INSERT INTO series (cluster_id, metric, labels, labels_key)
        SELECT ${clusterId}, m, l::jsonb, (l::jsonb)::text FROM unnest(${metrics}::text[], ${labels}::text[]) AS u(m, l)
        ON CONFLICT (cluster_id, metric, labels_key) DO NOTHING`;
      const rows = await db.$queryRaw<{ ord: bigint; id: bigint }[]>`
        SELECT u.ord, s.id
        FROM unnest(${metrics}::text[], ${labels}::text[]) WITH ORDINALITY AS u(m, l, ord)
        JOIN series s ON s.cluster_id = ${clusterId} AND s.metric = u.m AND s.labels_key = (u.l::jsonb)::text`;
      for (const row of rows) {
        const key = batch[Number(row.ord) - 1];
        if (key !== undefined) this.ids.set(key, Number(row.id));
      }
    }
    return keys.map((key) => {
      const id = this.ids.get(key);
      if (id === undefined) throw new Error(`series ${key.replace(/[\u0000-\u0002]/g, " ")} could not be created`);
      return id;
    });
  }
}

function cacheKey(clusterId: string, ref: SeriesRef): string {
  let key = `${clusterId}\u0000${ref.metric}`;
  for (const name in ref.labels) key += `\u0001${name}\u0002${ref.labels[name]}`;
  return key;
}
