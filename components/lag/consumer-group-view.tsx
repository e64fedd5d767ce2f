"use client";

import type { ReactNode } from "react";
import { Empty, ErrorState, LagStatusBadge, Loading, PageTitle } from "@/components/ui/states";
import { formatAgo, formatCount, formatDuration, formatIsoStep, formatRate, parseRange } from "@/lib/client/format";
import { useConsumerGroup, useGroupLag } from "@/lib/client/hooks";
import { useUrlState } from "@/lib/client/use-url-state";
import { ChartPanel } from "@/components/ui/chart-panel";
import { countKnownPoints, toChartPoints } from "@/lib/lag/chart-data";
import { LagChart } from "./lag-chart";

export function ConsumerGroupView({ clusterId, groupId }: { clusterId: string; groupId: string }) {
  const group = useConsumerGroup(clusterId, groupId);
  const [params, setParams] = useUrlState();
  const range = parseRange(params.get("range"));
  const lag = useGroupLag(clusterId, groupId, range.ms);

  return (
    <section>
      <PageTitle
        title={groupId}
        subtitle={group.data ? `Consumer group · ${group.data.groupProtocol === "consumer" ? "KIP-848 consumer protocol · state and members not visible" : `${group.data.state} · ${group.data.members} member(s)`} · polled ${formatAgo(group.data.polledAt, group.dataUpdatedAt)}` : `Consumer group in ${clusterId}`}
      />
      {group.isPending ? (
        <Loading what="the consumer group" />
      ) : group.isError ? (
        <ErrorState error={group.error} what="the consumer group" />
      ) : (
        <>
          <dl className="mb-6 grid grid-cols-2 gap-4 sm:grid-cols-4">
            <Stat label="Status" value={<LagStatusBadge status={group.data.status} />} />
            <Stat label="Total lag (messages)" value={formatCount(group.data.totalLag)} testId="total-lag" />
            <Stat label="Lag (time, oldest unconsumed)" value={formatDuration(group.data.lagSeconds, group.data.lagSecondsExact)} testId="lag-seconds" />
            <Stat label="Time to catch up" value={group.data.totalLag === 0 ? "caught up" : group.data.catchUpSeconds === null ? "not catching up" : formatDuration(group.data.catchUpSeconds)} testId="catch-up" />
            <Stat label="Max partition lag" value={formatCount(group.data.maxLag)} />
            <Stat label="Consumed / produced per s" value={`${formatRate(group.data.consumeRate)} / ${formatRate(group.data.produceRate)}`} />
            <Stat label="Partitions" value={String(group.data.partitions.length)} />
            <Stat label="Assignment protocol" value={group.data.protocol || "—"} />
          </dl>
          <ChartPanel title="Total lag over time" range={range.key} onRange={(key) => setParams({ range: key })}>
            {lag.isPending ? <Loading what="lag history" /> : lag.isError ? <ErrorState error={lag.error} what="lag history" /> :
              countKnownPoints(lag.data.points) === 0 ? <Empty>No lag samples in this range.</Empty> :
              <>
                <LagChart points={toChartPoints(lag.data.points)} label="total lag" />
                <p className="mt-1 text-xs text-slate-500" data-testid="chart-resolution">
                  max per {formatIsoStep(lag.data.step)} bucket, from {lag.data.tier === "raw" ? "raw samples" : `${lag.data.tier} rollups`}; gaps mean no data
                </p>
              </>}
          </ChartPanel>
          <h2 className="mb-2 font-medium">Members</h2>
          {group.data.groupProtocol === "consumer" ? (
            <div className="mb-6 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100" data-testid="kip848-note">
              This group uses Kafka&apos;s new consumer protocol (KIP-848). Its state and members are not visible through the classic
              API that Queuewatch&apos;s Kafka client speaks; its offsets and lag are exact.
            </div>
          ) : group.data.memberDetails.length === 0 ? <Empty>No members: nobody is consuming (offsets stay where they were committed).</Empty> : (
            <table className="mb-6 w-full text-left text-sm" data-testid="members-table">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
                <tr><th className="py-2">Client id</th><th>Host</th><th>Assigned partitions</th></tr>
              </thead>
              <tbody>
                {group.data.memberDetails.map((m) => (
                  <tr key={m.memberId} className="border-b border-slate-100 dark:border-slate-900" data-testid="member-row" title={m.memberId}>
                    <td className="py-1 break-all">{m.clientId}</td>
                    <td className="break-all">{m.host}</td>
                    <td className="break-all">{m.assignment.length === 0 ? "none" : m.assignment.map((a) => `${a.topic} [${a.partitions.join(", ")}]`).join("; ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2 className="mb-2 font-medium">Partitions</h2>
          {group.data.partitions.length === 0 ? <Empty>This group has no committed offsets or assignments.</Empty> : (
            <table className="w-full text-left text-sm" data-testid="partitions-table">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
                <tr><th className="py-2">Topic</th><th>Partition</th><th>Committed offset</th><th>End offset</th><th>Lag</th><th>Lag (time)</th><th>Status</th></tr>
              </thead>
              <tbody>
                {group.data.partitions.map((p) => (
                  <tr key={`${p.topic}/${p.partition}`} className="border-b border-slate-100 dark:border-slate-900" data-testid="partition-row">
                    <td className="py-1 break-all">{p.topic}</td>
                    <td className="tabular">{p.partition}</td>
                    <td className="tabular">{formatCount(p.committedOffset)}</td>
                    <td className="tabular">{formatCount(p.endOffset)}</td>
                    <td className="tabular" title={p.lag === null ? "no committed offset" : undefined}>{formatCount(p.lag)}</td>
                    <td className="tabular">{formatDuration(p.lagSeconds, p.lagSecondsExact)}</td>
                    <td><LagStatusBadge status={p.status} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function Stat({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-xs uppercase text-slate-500">{label}</dt>
      <dd className="tabular text-xl font-semibold" data-testid={testId}>{value}</dd>
    </div>
  );
}
