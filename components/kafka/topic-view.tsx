"use client";

import Link from "next/link";
import { EntityAlertsPanel } from "@/components/alerts/entity-alerts-panel";
import { ChartPanel } from "@/components/ui/chart-panel";
import { DataTable, NAME_CELL } from "@/components/ui/data-table";
import { Name } from "@/components/ui/name";
import { Empty, ErrorState, LagStatusBadge, Loading, PageTitle, STALE_TEXT, StaleMark } from "@/components/ui/states";
import { CHART_COLORS, TimeSeriesChart } from "@/components/ui/time-series-chart";
import { formatCount, formatDuration, formatIsoStep, formatRate, parseRange } from "@/lib/client/format";
import { useCluster, useSeries, useTopic } from "@/lib/client/hooks";
import { useUrlState } from "@/lib/client/use-url-state";
import { countKnownPoints, singleSeriesRows } from "@/lib/client/chart-data";
import { KAFKA_METRICS } from "@/lib/kafka/kafka-series";
import { groupPath } from "@/lib/util/page-paths";

/** A topic: health, throughput chart, partitions and the groups consuming it with their lag. */
export function TopicView({ clusterId, topic }: { clusterId: string; topic: string }) {
  const detail = useTopic(clusterId, topic);
  const { cluster } = useCluster(clusterId);
  const [params, setParams] = useUrlState();
  const range = parseRange(params.get("range"));
  const throughput = useSeries(clusterId, KAFKA_METRICS.topicProduceRate, { topic }, range.ms);
  const points = throughput.data?.series[0]?.points ?? [];
  const stale = cluster?.stale === true;
  return (
    <section className="min-w-0">
      <PageTitle title={topic} subtitle={<span className="flex flex-wrap items-center gap-2">Kafka topic in {cluster?.name ?? clusterId} <StaleMark cluster={cluster} /></span>} />
      <EntityAlertsPanel clusterId={clusterId} entity={{ topic }} />
      {detail.isPending ? <Loading what="the topic" /> : detail.isError ? <ErrorState error={detail.error} what="the topic" /> : (
        <>
          <dl className={`mb-6 grid grid-cols-2 gap-3 text-sm sm:grid-cols-5 ${stale ? STALE_TEXT : ""}`}>
            {[
              ["Partitions", String(detail.data.partitions)],
              ["Replication factor", String(detail.data.replicationFactor)],
              ["Under-replicated", String(detail.data.underReplicatedPartitions)],
              ["Offline partitions", String(detail.data.offlinePartitions)],
              ["Produced / s", stale ? "—" : formatRate(detail.data.produceRate)],
            ].map(([label, value]) => (
              <div key={label} className="min-w-0 rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
                <dt className="text-xs uppercase text-slate-600 dark:text-slate-300">{label}</dt>
                <dd className="tabular text-xl font-semibold">{value}</dd>
              </div>
            ))}
          </dl>
          <ChartPanel title="Messages produced per second" range={range.key} onRange={(key) => setParams({ range: key })}>
            {throughput.isPending ? <Loading what="throughput" /> : throughput.isError ? <ErrorState error={throughput.error} what="throughput" /> :
              countKnownPoints(points) === 0 ? <Empty>No throughput samples in this range yet (the first needs two polls).</Empty> : (
                <>
                  <TimeSeriesChart rows={singleSeriesRows(points)} series={[{ key: "v", label: "produced", color: CHART_COLORS.blue }]} unit="msg/s"
                    fromMs={throughput.dataUpdatedAt - range.ms} toMs={throughput.dataUpdatedAt} label="messages produced per second" />
                  <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">average per {formatIsoStep(throughput.data.step)} bucket</p>
                </>
              )}
          </ChartPanel>
          <h2 className="mb-2 font-medium">Consumer groups</h2>
          {detail.data.consumers.length === 0 ? <Empty>No consumer group has offsets on this topic.</Empty> : (
            <DataTable label="Consumer groups of this topic">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-800 dark:text-slate-300">
                <tr><th>Group</th><th>Status</th><th>State</th><th>Lag on this topic</th><th>Lag (time)</th></tr>
              </thead>
              <tbody className={stale ? STALE_TEXT : ""}>
                {detail.data.consumers.map((c) => (
                  <tr key={c.groupId} className="border-b border-slate-100 dark:border-slate-800" data-testid="topic-consumer-row">
                    <td>
                      <div className={NAME_CELL}>
                        <Link className="text-blue-700 hover:underline dark:text-blue-300" href={groupPath(clusterId, c.groupId)}><Name text={c.groupId} /></Link>
                      </div>
                    </td>
                    <td><LagStatusBadge status={c.status} /></td>
                    <td>{c.state}</td>
                    <td className="tabular">{formatCount(c.lag)}</td>
                    <td className="tabular">{formatDuration(c.lagSeconds, c.lagSecondsExact)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
          <h2 className="mb-2 font-medium">Partitions</h2>
          <DataTable label="Partitions">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-800 dark:text-slate-300">
              <tr><th>Partition</th><th>Leader</th><th>Replicas</th><th>In sync</th><th>End offset</th><th>Produced/s</th></tr>
            </thead>
            <tbody className={stale ? STALE_TEXT : ""}>
              {detail.data.partitionDetails.map((p) => (
                <tr key={p.partition} className="border-b border-slate-100 dark:border-slate-800" data-testid="topic-partition-row">
                  <td className="tabular">{p.partition}</td>
                  <td className={`tabular ${p.leader < 0 ? "text-red-700 dark:text-red-300" : ""}`}>{p.leader < 0 ? "none (offline)" : p.leader}</td>
                  <td className="tabular">{p.replicas.join(", ")}</td>
                  <td className={`tabular ${p.isr.length < p.replicas.length ? "text-amber-700 dark:text-amber-300" : ""}`}>{p.isr.join(", ")}</td>
                  <td className="tabular">{formatCount(p.endOffset)}</td>
                  <td className="tabular">{stale ? "—" : formatRate(p.produceRate)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </section>
  );
}
