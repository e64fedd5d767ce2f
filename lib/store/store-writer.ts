import "server-only";
import type { Db } from "@/lib/db/prisma";
import type { MetricSample } from "./metric-sample";
import { PartitionManager } from "./partition-manager";
import { SeriesRegistry } from "./series-registry";
import type { SampleRow } from "./write-samples";

/** Per-process caches of the write path: series ids and existing partitions. */
export class StoreWriter {
  readonly registry = new SeriesRegistry();
  readonly partitions = new PartitionManager();

  /** Resolves series ids (creating new series) and the partition for `ts`; returns rows ready to insert. */
  async prepare(db: Db, clusterId: string, ts: number, samples: readonly MetricSample[]): Promise<SampleRow[]> {
    if (samples.length === 0) return [];
    await this.partitions.ensure(db, "samples", ts, ts);
    const ids = await this.registry.resolve(db, clusterId, samples);
    return samples.map((sample, i) => ({ seriesId: ids[i] as number, ts, value: sample.value }));
  }
}
