import type { BrokerConnection, BrokerReading } from "./types";

/** What every kind's adapter has: one read of the broker, and a way to let go of it. */
export interface CollectingAdapter<R extends { brokerRequests: number }> {
  collect(): Promise<R>;
  close(): Promise<void>;
}

/** A kind's adapter as a BrokerConnection: each read is one collect, summarised by `readingOf`. */
export function adapterConnection<R extends { brokerRequests: number }>(adapter: CollectingAdapter<R>, readingOf: (result: R) => BrokerReading): BrokerConnection {
  return {
    read: async () => readingOf(await adapter.collect()),
    close: () => adapter.close(),
  };
}
