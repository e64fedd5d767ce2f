"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { EntityAlertsPanel } from "@/components/alerts/entity-alerts-panel";
import { ChartPanel } from "@/components/ui/chart-panel";
import { DataTable, NAME_CELL } from "@/components/ui/data-table";
import { Name } from "@/components/ui/name";
import { ClusterProblemState, describeClusterProblem, Empty, ErrorState, LagStatusBadge, Loading, PageTitle, STALE_TEXT, StaleMark } from "@/components/ui/states";
import { CHART_COLORS, TimeSeriesChart, type ChartSeries } from "@/components/ui/time-series-chart";
import type { ClusterDto, ConsumerGroupDetailDto } from "@/lib/api/types";
import { formatAgo, formatCount, formatDuration, formatIsoStep, formatRate, parseRange, RANGES } from "@/lib/client/format";
import { useCluster, useConsumerGroup, useGroupLag, useSeries } from "@/lib/client/hooks";
import { useUrlState } from "@/lib/client/use-url-state";
import { countKnownPoints, firstSeriesPoints, mergeSeriesPoints, singleSeriesRows } from "@/lib/client/chart-data";
import { KAFKA_METRICS } from "@/lib/kafka/kafka-series";
import { topicPath } from "@/lib/util/page-paths";

const TOPIC_COLORS = [CHART_COLORS.blue, CHART_COLORS.purple, CHART_COLORS.amber, CHART_COLORS.slate, CHART_COLORS.red] as const;

export function ConsumerGroupView({ clusterId, groupId }: { clusterId: string; groupId: string }) {
  const group = useConsumerGroup(clusterId, groupId);
  const { cluster } = useCluster(clusterId);
  const [params, setParams] = useUrlState();
  const range = parseRange(params.get("range"));
  const lag = useGroupLag(clusterId, groupId, range.ms);
  const stale = cluster?.stale === true;

  return (
    <section className="min-w-0">
      <PageTitle
        title={groupId}
        subtitle={group.data ? (
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            Consumer group · {group.data.groupProtocol === "consumer" ? "KIP-848 consumer protocol · state and members not visible" : `${group.data.state} · ${group.data.members} member(s)`} · polled {formatAgo(group.data.polledAt, group.dataUpdatedAt)}
            <StaleMark cluster={cluster} />
          </span>
        ) : `Consumer group in ${clusterId}`}
      />
      <EntityAlertsPanel clusterId={clusterId} entity={{ group: groupId }} />
      {group.isPending ? (
        <Loading what="the consumer group" />
      ) : group.isError ? (
        <GroupError error={group.error} cluster={cluster} />
      ) : (
        <>
          <dl className={`mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4 2xl:grid-cols-8 ${stale ? STALE_TEXT : ""}`}>
            <Stat label="Status" value={<LagStatusBadge status={group.data.status} />} />
            <Stat label="Total lag (messages)" value={formatCount(group.data.totalLag)} testId="total-lag" />
            <Stat label="Lag (time, oldest unconsumed)" value={formatDuration(group.data.lagSeconds, group.data.lagSecondsExact)} testId="lag-seconds" />
            <Stat label="Time to catch up" value={stale ? "—" : group.data.totalLag === 0 ? "caught up" : group.data.catchUpSeconds === null ? "not catching up" : formatDuration(group.data.catchUpSeconds)} testId="catch-up" />
            <Stat label="Max partition lag" value={formatCount(group.data.maxLag)} />
            <Stat label="Consumed / produced per s" value={stale ? "—" : `${formatRate(group.data.consumeRate)} / ${formatRate(group.data.produceRate)}`} />
            <Stat label="Partitions" value={String(group.data.partitions.length)} />
            <Stat label="Assignment protocol" value={group.data.protocol || "—"} />
          </dl>
          <div className="grid gap-x-4 xl:grid-cols-2 2xl:grid-cols-3">
            <ChartPanel title="Total lag (messages)" range={range.key} onRange={(key) => setParams({ range: key })}>
              {lag.isPending ? <Loading what="lag history" /> : lag.isError ? <ErrorState error={lag.error} what="lag history" /> :
                countKnownPoints(lag.data.points) === 0 ? <Empty>No lag samples in this range.</Empty> :
                <>
                  <TimeSeriesChart rows={singleSeriesRows(lag.data.points)} series={[{ key: "v", label: "total lag", color: CHART_COLORS.blue }]} unit="messages"
                    fromMs={Date.parse(lag.data.from)} toMs={Date.parse(lag.data.to)} label="total lag in messages" />
                  <p className="mt-1 text-xs text-slate-600 dark:text-slate-300" data-testid="chart-resolution">
                    max per {formatIsoStep(lag.data.step)} bucket, from {lag.data.tier === "raw" ? "raw samples" : `${lag.data.tier} rollups`}; gaps mean no data
                  </p>
                </>}
            </ChartPanel>
            <LagSecondsChart clusterId={clusterId} groupId={groupId} rangeMs={range.ms} />
            <RatesChart clusterId={clusterId} group={group.data} rangeMs={range.ms} />
          </div>
          <h2 className="mb-2 font-medium">Members</h2>
          {group.data.groupProtocol === "consumer" ? (
            <div className="mb-6 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100" data-testid="kip848-note">
              This group uses Kafka&apos;s new consumer protocol (KIP-848). Its state and members are not visible through the classic
              API that Queuewatch&apos;s Kafka client speaks; its offsets and lag are exact.
            </div>
          ) : group.data.memberDetails.length === 0 ? <Empty>No members: nobody is consuming (offsets stay where they were committed).</Empty> : (
            <DataTable testId="members-table" label="Members">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-800 dark:text-slate-300">
                <tr><th>Client id</th><th>Host</th><th>Assigned partitions</th></tr>
              </thead>
              <tbody className={stale ? STALE_TEXT : ""}>
                {group.data.memberDetails.map((m) => (
                  <tr key={m.memberId} className="border-b border-slate-100 dark:border-slate-800" data-testid="member-row" title={m.memberId}>
                    <td><div className={NAME_CELL}><Name text={m.clientId} /></div></td>
                    <td><Name text={m.host} /></td>
                    <td className="min-w-[12rem]">{m.assignment.length === 0 ? "none" : m.assignment.map((a) => `${a.topic} [${a.partitions.join(", ")}]`).join("; ")}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
          <h2 className="mb-2 font-medium">Partitions</h2>
          {group.data.partitions.length === 0 ? <Empty>This group has no committed offsets or assignments.</Empty> : (
            <DataTable testId="partitions-table" label="Partitions">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-800 dark:text-slate-300">
                <tr><th>Topic</th><th>Partition</th><th>Committed offset</th><th>End offset</th><th>Lag</th><th>Lag (time)</th><th>Status</th></tr>
              </thead>
              <tbody className={stale ? STALE_TEXT : ""}>
                {group.data.partitions.map((p) => (
                  <tr key={`${p.topic}/${p.partition}`} className="border-b border-slate-100 dark:border-slate-800" data-testid="partition-row">
                    <td>
                      <div className={NAME_CELL}>
                        <Link className="text-blue-700 hover:underline dark:text-blue-300" href={topicPath(clusterId, p.topic)}><Name text={p.topic} /></Link>
                      </div>
                    </td>
                    <td className="tabular">{p.partition}</td>
                    <td className="tabular">{formatCount(p.committedOffset)}</td>
                    <td className="tabular">{formatCount(p.endOffset)}</td>
                    <td className="tabular" title={p.lag === null ? "no committed offset" : undefined}>{formatCount(p.lag)}</td>
                    <td className="tabular">{formatDuration(p.lagSeconds, p.lagSecondsExact)}</td>
                    <td><LagStatusBadge status={p.status} /></td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}

/** An unknown group, or a cluster that cannot be polled: say which. */
function GroupError({ error, cluster }: { error: unknown; cluster: ClusterDto | undefined }) {
  const problem = cluster ? describeClusterProblem(cluster) : null;
  return problem && cluster?.lastSuccessAt === null ? <ClusterProblemState problem={problem} what="consumer group figures" /> : <ErrorState error={error} what="the consumer group" />;
}

const rangeOf = (rangeMs: number) => RANGES.find((r) => r.ms === rangeMs) ?? RANGES[1];

function LagSecondsChart({ clusterId, groupId, rangeMs }: { clusterId: string; groupId: string; rangeMs: number }) {
  const seconds = useSeries(clusterId, KAFKA_METRICS.groupLagSeconds, { group: groupId }, rangeMs, "max");
  const points = firstSeriesPoints(seconds.data);
  return (
    <ChartPanel title="Lag in time (age of the oldest unconsumed message)" range={rangeOf(rangeMs).key}>
      {seconds.isPending ? <Loading what="lag in time" /> : seconds.isError ? <ErrorState error={seconds.error} what="lag in time" /> :
        countKnownPoints(points) === 0 ? <Empty>No lag-in-time samples in this range (they need the produce time of the oldest unconsumed message).</Empty> : (
          <>
            <TimeSeriesChart rows={singleSeriesRows(points)} series={[{ key: "v", label: "lag in time", color: CHART_COLORS.purple }]} unit="s"
              fromMs={seconds.dataUpdatedAt - rangeMs} toMs={seconds.dataUpdatedAt} label="lag in seconds" />
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">max per {formatIsoStep(seconds.data.step)} bucket</p>
          </>
        )}
    </ChartPanel>
  );
}

/**
 * Consumed vs produced: the group's consumption rate against the produce rate of each topic it reads
 * (Queuewatch stores no per-group produce-rate series; for a group reading whole topics these are the same).
 */
function RatesChart({ clusterId, group, rangeMs }: { clusterId: string; group: ConsumerGroupDetailDto; rangeMs: number }) {
  const consumed = useSeries(clusterId, KAFKA_METRICS.groupConsumeRate, { group: group.groupId }, rangeMs);
  const produced = useSeries(clusterId, KAFKA_METRICS.topicProduceRate, {}, rangeMs);
  const topics = [...new Set(group.partitions.map((p) => p.topic))];
  const topicSeries = topics.map((topic) => produced.data?.series.find((s) => s.labels.topic === topic)?.points ?? []);
  const series: ChartSeries[] = [
    { key: "consumed", label: "consumed by this group", color: CHART_COLORS.green },
    ...topics.map((topic, i) => ({ key: `p${i}`, label: `produced to ${topic}`, color: TOPIC_COLORS[i % TOPIC_COLORS.length] ?? CHART_COLORS.blue })),
  ];
  const rows = mergeSeriesPoints({ consumed: firstSeriesPoints(consumed.data), ...Object.fromEntries(topicSeries.map((points, i) => [`p${i}`, points])) });
  const known = rows.some((row) => series.some((s) => row[s.key] !== null));
  return (
    <ChartPanel title="Consumed vs produced (msg/s)" range={rangeOf(rangeMs).key}>
      {consumed.isPending || produced.isPending ? <Loading what="rates" /> : consumed.isError ? <ErrorState error={consumed.error} what="rates" /> :
        produced.isError ? <ErrorState error={produced.error} what="rates" /> : !known ? <Empty>No rate samples in this range yet (the first needs two polls).</Empty> : (
          <>
            <TimeSeriesChart rows={rows} series={series} unit="msg/s" fromMs={consumed.dataUpdatedAt - rangeMs} toMs={consumed.dataUpdatedAt} label="consumed and produced messages per second" />
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">average per {formatIsoStep(consumed.data.step)} bucket; produced is per topic (all its partitions)</p>
          </>
        )}
    </ChartPanel>
  );
}

function Stat({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0 rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-xs uppercase text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className="tabular text-xl font-semibold" data-testid={testId}>{value}</dd>
    </div>
  );
}
