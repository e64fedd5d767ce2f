// Reading back what a poll wrote to the series store (series + samples), for tests that check samples end to end.
import type { Db } from "@/lib/db/prisma";
import type { MetricSample } from "@/lib/store/metric-sample";

/** The samples of one cluster stored at one poll's timestamp (PollReport.polledAt), as the store holds them. */
export async function storedSamples(db: Db, clusterId: string, polledAt: number): Promise<MetricSample[]> {
  return db.$queryRaw<MetricSample[]>`
    SELECT s.metric, s.labels, x.value FROM samples x JOIN series s ON s.id = x.series_id
    WHERE s.cluster_id = ${clusterId} AND x.ts = to_timestamp(${polledAt}::float8 / 1000.0)
    ORDER BY s.metric, s.labels_key`;
}

/** The value of the sample with exactly these labels, or undefined when none was written (a gap). */
export function sampleValue(samples: readonly MetricSample[], metric: string, labels: Record<string, string> = {}): number | undefined {
  const key = JSON.stringify(Object.entries(labels).sort());
  return samples.find((s) => s.metric === metric && JSON.stringify(Object.entries(s.labels).sort()) === key)?.value;
}
