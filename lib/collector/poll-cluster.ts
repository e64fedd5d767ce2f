import type { ClusterPoller, CollectedPoll, PollCount } from "@/lib/brokers/types";
import type { MetricSample } from "@/lib/store/metric-sample";
import type { PollSink } from "@/lib/store/poll-sink";
import { describeError } from "@/lib/util/describe-error";

/** One poll as it was written: the uniform output, whatever the kind (an alert evaluator reads `samples`). */
export interface PollReport {
  clusterId: string;
  ok: boolean;
  /** epoch ms the figures are from: the end of the broker read */
  polledAt: number;
  durationMs: number;
  error: string | null;
  /** what the poll saw, e.g. 3 consumer groups; empty for a failed poll */
  counts: readonly PollCount[];
  brokerRequests: number;
  /**
   * the series samples written; a failed poll's are only its `queuewatch_cluster_up` 0 (the kind's figures are
   * no data, not zeros)
   */
  samples: readonly MetricSample[];
}

/** 1 on a successful poll, 0 on a failed one, for every kind: the one series a failed poll writes (no labels). */
export const CLUSTER_UP_METRIC = "queuewatch_cluster_up";

const clusterUp = (up: boolean): MetricSample => ({ metric: CLUSTER_UP_METRIC, labels: {}, value: up ? 1 : 0 });

/**
 * One poll of one cluster, whatever its kind: ask the broker through the kind's poller, let the
 * poller derive its state, then write the outcome (up or down) and its samples, `queuewatch_cluster_up`
 * included, through the sink in one transaction.
 * A failing broker is a "down" outcome; a failing write rejects (the collector logs it and goes on).
 */
export async function pollCluster(clusterId: string, poller: ClusterPoller, sink: PollSink): Promise<PollReport> {
  const startedAt = new Date();
  const started = performance.now();
  let collected: CollectedPoll | null = null;
  let error = "";
  try {
    collected = await poller.collect();
  } catch (caught) {
    error = describeError(caught);
  }
  const durationMs = Math.round(performance.now() - started);
  const polledAt = startedAt.getTime() + durationMs;
  if (collected === null) {
    const samples = [clusterUp(false)];
    await sink.record({ clusterId, startedAt, durationMs, error, samples: await sink.prepare(clusterId, polledAt, samples) });
    return { clusterId, ok: false, polledAt, durationMs, error, counts: [], brokerRequests: 0, samples };
  }
  const findings = collected.derive(polledAt);
  const samples = [...findings.samples, clusterUp(true)];
  await sink.record({ clusterId, startedAt, durationMs, error: null, samples: await sink.prepare(clusterId, polledAt, samples), writeSnapshot: findings.writeSnapshot });
  return { clusterId, ok: true, polledAt, durationMs, error: null, counts: collected.counts, brokerRequests: collected.brokerRequests, samples };
}
