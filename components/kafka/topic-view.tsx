"use client";

import Link from "next/link";
import { LagChart } from "@/components/lag/lag-chart";
import { Empty, ErrorState, LagStatusBadge, Loading, PageTitle } from "@/components/ui/states";
import { formatCount, formatDuration, formatIsoStep, formatRate, parseRange } from "@/lib/client/format";
import { useSeries, useTopic } from "@/lib/client/hooks";
import { useUrlState } from "@/lib/client/use-url-state";
import { ChartPanel } from "@/components/ui/chart-panel";
import { countKnownPoints, toChartPoints } from "@/lib/lag/chart-data";
import { KAFKA_METRICS } from "@/lib/lag/lag-series";

/** A topic: health, throughput chart, partitions and the groups consuming it with their lag. */
export function TopicView({ clusterId, topic }: { clusterId: string; topic: string }) {
  const detail = useTopic(clusterId, topic);
  const [params, setParams] = useUrlState();
  const range = parseRange(params.get("range"));
  const throughput = useSeries(clusterId, KAFKA_METRICS.topicProduceRate, { topic }, range.ms);
  const points = throughput.data?.series[0]?.points ?? [];
  return (
    <section>
      <PageTitle title={topic} subtitle={`Kafka topic in ${clusterId}`} />
      {detail.isPending ? <Loading what="the topic" /> : detail.isError ? <ErrorState error={detail.error} what="the topic" /> : (
        <>
          <dl className="mb-6 grid grid-cols-2 gap-4 sm:grid-cols-5 text-sm">
            {[
              ["Partitions", String(detail.data.partitions)],
              ["Replication factor", String(detail.data.replicationFactor)],
              ["Under-replicated", String(detail.data.underReplicatedPartitions)],
              ["Offline partitions", String(detail.data.offlinePartitions)],
              ["Produced / s", formatRate(detail.data.produceRate)],
            ].map(([label, value]) => (
              <div key={label} className="rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
                <dt className="text-xs uppercase text-slate-500">{label}</dt>
                <dd className="tabular text-xl font-semibold">{value}</dd>
              </div>
            ))}
          </dl>
          <ChartPanel title="Messages produced per second" range={range.key} onRange={(key) => setParams({ range: key })}>
            {throughput.isPending ? <Loading what="throughput" /> : throughput.isError ? <ErrorState error={throughput.error} what="throughput" /> :
              countKnownPoints(points) === 0 ? <Empty>No throughput samples in this range yet (the first needs two polls).</Empty> : (
                <>
                  <LagChart points={toChartPoints(points)} label="messages/s" format={formatRate} />
                  <p className="mt-1 text-xs text-slate-500">average per {formatIsoStep(throughput.data.step)} bucket</p>
                </>
              )}
          </ChartPanel>
          <h2 className="mb-2 font-medium">Consumer groups</h2>
          {detail.data.consumers.length === 0 ? <Empty>No consumer group has offsets on this topic.</Empty> : (
            <table className="mb-6 w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
                <tr><th className="py-2">Group</th><th>Status</th><th>State</th><th>Lag on this topic</th><th>Lag (time)</th></tr>
              </thead>
              <tbody>
                {detail.data.consumers.map((c) => (
                  <tr key={c.groupId} className="border-b border-slate-100 dark:border-slate-900" data-testid="topic-consumer-row">
                    <td className="py-1 break-all"><Link className="text-blue-700 hover:underline dark:text-blue-300" href={`/clusters/${encodeURIComponent(clusterId)}/groups/${encodeURIComponent(c.groupId)}`}>{c.groupId}</Link></td>
                    <td><LagStatusBadge status={c.status} /></td>
                    <td>{c.state}</td>
                    <td className="tabular">{formatCount(c.lag)}</td>
                    <td className="tabular">{formatDuration(c.lagSeconds, c.lagSecondsExact)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2 className="mb-2 font-medium">Partitions</h2>
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
              <tr><th className="py-2">Partition</th><th>Leader</th><th>Replicas</th><th>In sync</th><th>End offset</th><th>Produced/s</th></tr>
            </thead>
            <tbody>
              {detail.data.partitionDetails.map((p) => (
                <tr key={p.partition} className="border-b border-slate-100 dark:border-slate-900" data-testid="topic-partition-row">
                  <td className="tabular py-1">{p.partition}</td>
                  <td className={`tabular ${p.leader < 0 ? "text-red-700" : ""}`}>{p.leader < 0 ? "none (offline)" : p.leader}</td>
                  <td className="tabular">{p.replicas.join(", ")}</td>
                  <td className={`tabular ${p.isr.length < p.replicas.length ? "text-amber-700" : ""}`}>{p.isr.join(", ")}</td>
                  <td className="tabular">{formatCount(p.endOffset)}</td>
                  <td className="tabular">{formatRate(p.produceRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
