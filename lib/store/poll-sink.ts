import type { Db } from "@/lib/db/prisma";
import type { MetricSample } from "./metric-sample";
import { recordPoll, type PollOutcome } from "./record-poll";
import type { StoreWriter } from "./store-writer";
import type { SampleRow } from "./write-samples";

/** Where the collector's polls go: the store (storeSink), or a unit test's fake. */
export interface PollSink {
  /** resolves the samples' series (creating new ones) and their partition: rows ready to insert */
  prepare(clusterId: string, polledAt: number, samples: readonly MetricSample[]): Promise<readonly SampleRow[]>;
  /** writes the outcome, its samples, and a successful poll's snapshot, in one transaction */
  record(outcome: PollOutcome): Promise<void>;
}

/** The store as a poll sink: Postgres through `db`, with the process's write caches. */
export function storeSink(db: Db, writer: StoreWriter): PollSink {
  return {
    prepare: (clusterId, polledAt, samples) => writer.prepare(db, clusterId, polledAt, samples),
    record: (outcome) => recordPoll(db, outcome),
  };
}
