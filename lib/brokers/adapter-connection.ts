import type { BrokerConnection, PollCount } from "./types";

/** What every kind's adapter has: one read of the broker, and a way to let go of it. */
export interface CollectingAdapter<R extends { brokerRequests: number }> {
  collect(): Promise<R>;
  close(): Promise<void>;
}

/** A kind's adapter as a BrokerConnection: each read is one collect, summarised by `countsOf`. */
export function adapterConnection<R extends { brokerRequests: number }>(adapter: CollectingAdapter<R>, countsOf: (result: R) => PollCount[]): BrokerConnection {
  return {
    read: async () => {
      const result = await adapter.collect();
      return { counts: countsOf(result), brokerRequests: result.brokerRequests };
    },
    close: () => adapter.close(),
  };
}
