"use client";

import { EntityAlertsPanel } from "@/components/alerts/entity-alerts-panel";
import { QueueLink } from "@/components/rabbitmq/queue-link";
import { QueueSignals } from "@/components/rabbitmq/queues-view";
import { ChartPanel } from "@/components/ui/chart-panel";
import { Empty, ErrorState, Loading, PageTitle, STALE_TEXT, StaleMark } from "@/components/ui/states";
import { CHART_COLORS, TimeSeriesChart, type ChartSeries } from "@/components/ui/time-series-chart";
import type { ClusterDto, QueueDetailDto } from "@/lib/api/types";
import { formatCount, formatIsoStep, formatRate, formatShare, parseRange } from "@/lib/client/format";
import { useCluster, useQueue, useSeries } from "@/lib/client/hooks";
import { useTimeFormat } from "@/lib/client/time";
import { useUrlState } from "@/lib/client/use-url-state";
import { queueKey } from "@/lib/rabbitmq/dead-letter-topology";
import { firstSeriesPoints, mergeSeriesPoints } from "@/lib/client/chart-data";
import { RABBITMQ_METRICS } from "@/lib/rabbitmq/queue-series";

const ROUTING_TEXT: Record<string, string> = {
  exact: "routed by the dead-letter routing key",
  "by-original-key": "routed by each message's own routing key: any of these queues may receive them",
  headers: "routed by message headers: any of these queues may receive them",
  "missing-exchange": "the dead-letter exchange does not exist: dead letters are DROPPED",
};

const DEPTH_SERIES: readonly ChartSeries[] = [{ key: "messagesReady", label: "ready", color: CHART_COLORS.blue }, { key: "messagesUnacknowledged", label: "unacked", color: CHART_COLORS.amber }];
const RATE_SERIES: readonly ChartSeries[] = [
  { key: "publish", label: "publish", color: CHART_COLORS.blue }, { key: "deliver", label: "deliver/get", color: CHART_COLORS.green },
  { key: "ack", label: "ack", color: CHART_COLORS.slate }, { key: "redeliver", label: "redeliver", color: CHART_COLORS.red },
];
const DEAD_LETTER_IN: ChartSeries = { key: "deadLetterIn", label: "dead letters in", color: CHART_COLORS.purple };
const DEAD_LETTER_OUT: ChartSeries = { key: "deadLetterOut", label: "dead-lettered out", color: CHART_COLORS.amber };


/** One queue: depth (ready + unacked stacked) and rates charts, consumers, its DLQ or its sources. */
export function QueueView({ clusterId, vhost, name }: { clusterId: string; vhost: string; name: string }) {
  const detail = useQueue(clusterId, vhost, name);
  const { cluster } = useCluster(clusterId);
  const [params, setParams] = useUrlState();
  const range = parseRange(params.get("range"));
  const labels = { vhost, queue: name };
  const ready = useSeries(clusterId, RABBITMQ_METRICS.messagesReady, labels, range.ms, "last");
  const unacknowledged = useSeries(clusterId, RABBITMQ_METRICS.messagesUnacknowledged, labels, range.ms, "last");
  const publish = useSeries(clusterId, RABBITMQ_METRICS.publishRate, labels, range.ms);
  const deliver = useSeries(clusterId, RABBITMQ_METRICS.deliverRate, labels, range.ms);
  const ack = useSeries(clusterId, RABBITMQ_METRICS.ackRate, labels, range.ms);
  const redeliver = useSeries(clusterId, RABBITMQ_METRICS.redeliverRate, labels, range.ms);
  // A DLQ's inflow is dead letters, not publishes: without this series its rates chart is flat zero.
  const deadLetterIn = useSeries(clusterId, RABBITMQ_METRICS.deadLetterInflowRate, labels, range.ms);
  const deadLetterOut = useSeries(clusterId, RABBITMQ_METRICS.deadLetterOutRate, labels, range.ms);
  const depthRows = mergeSeriesPoints({ messagesReady: firstSeriesPoints(ready.data), messagesUnacknowledged: firstSeriesPoints(unacknowledged.data) });
  const rateSeries = [
    ...RATE_SERIES,
    ...(detail.data && detail.data.deadLetterSources.length > 0 ? [DEAD_LETTER_IN] : []),
    ...(detail.data?.deadLetter ? [DEAD_LETTER_OUT] : []),
  ];
  const rateRows = mergeSeriesPoints({
    publish: firstSeriesPoints(publish.data), deliver: firstSeriesPoints(deliver.data), ack: firstSeriesPoints(ack.data), redeliver: firstSeriesPoints(redeliver.data),
    ...(rateSeries.includes(DEAD_LETTER_IN) ? { deadLetterIn: firstSeriesPoints(deadLetterIn.data) } : {}),
    ...(rateSeries.includes(DEAD_LETTER_OUT) ? { deadLetterOut: firstSeriesPoints(deadLetterOut.data) } : {}),
  });
  const toMs = ready.dataUpdatedAt || Date.parse(detail.data?.polledAt ?? "") || 0;
  return (
    <section className="min-w-0">
      <PageTitle title={name} subtitle={<span className="flex flex-wrap items-center gap-2"><span className="break-words">RabbitMQ queue in virtual host {vhost} of {cluster?.name ?? clusterId}</span> <StaleMark cluster={cluster} /></span>} />
      <EntityAlertsPanel clusterId={clusterId} entity={{ vhost, queue: name }} />
      {detail.isPending ? <Loading what="the queue" /> : detail.isError ? <ErrorState error={detail.error} what="the queue" /> : (
        <>
          <Figures queue={detail.data} cluster={cluster} />
          <div className="grid gap-x-4 xl:grid-cols-2">
            <ChartPanel title="Depth: ready and unacknowledged (stacked)" range={range.key} onRange={(key) => setParams({ range: key })}>
              {ready.isPending || unacknowledged.isPending ? <Loading what="depth" /> : ready.isError ? <ErrorState error={ready.error} what="depth" /> :
                depthRows.length === 0 ? <Empty>No depth samples in this range yet.</Empty> : (
                  <>
                    <TimeSeriesChart rows={depthRows} stacked unit="messages" series={DEPTH_SERIES} fromMs={toMs - range.ms} toMs={toMs} label="queue depth in messages, ready and unacknowledged stacked" />
                    <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">last value per {formatIsoStep(ready.data?.step ?? "")} bucket</p>
                  </>
                )}
            </ChartPanel>
            <ChartPanel title="Rates (messages per second)" range={range.key}>
              {publish.isPending ? <Loading what="rates" /> : publish.isError ? <ErrorState error={publish.error} what="rates" /> :
                rateRows.length === 0 ? <Empty>No rate samples in this range yet (the first needs two polls).</Empty> : (
                  <TimeSeriesChart rows={rateRows} unit="msg/s" series={rateSeries} fromMs={toMs - range.ms} toMs={toMs} label="queue rates in messages per second" />
                )}
            </ChartPanel>
          </div>
          <DeadLetters clusterId={clusterId} queue={detail.data} />
        </>
      )}
    </section>
  );
}

function Figures({ queue, cluster }: { queue: QueueDetailDto; cluster: ClusterDto | undefined }) {
  const time = useTimeFormat();
  const stale = cluster?.stale === true;
  const rate = (value: number | null) => (stale ? "—" : formatRate(value));
  const figures: [string, string][] = [
    ["Messages", formatCount(queue.messages)], ["Ready", formatCount(queue.messagesReady)], ["Unacked", formatCount(queue.messagesUnacknowledged)],
    ["Consumers", formatCount(queue.consumers)], ["Consumer capacity", queue.consumers === 0 || stale ? "—" : formatShare(queue.consumerCapacity)], ["Type", queue.type],
    ["Publish / s", rate(queue.publishRate)], ["Deliver / s", rate(queue.deliverRate)], ["Ack / s", rate(queue.ackRate)],
    ["Redeliver / s", rate(queue.redeliverRate)],
  ];
  if (queue.deadLetter !== null) figures.push(["Dead-lettered / s", rate(queue.deadLetterOutRate)]);
  if (queue.deadLetterSources.length > 0) figures.push(["Dead letters in / s", rate(queue.deadLetterInflowRate)]);
  const since = queue.noConsumersSince ? time.formatDateTime(Date.parse(queue.noConsumersSince)) : "?";
  return (
    <>
      {queue.noConsumersAlarm ? <p className="mb-3 rounded bg-red-100 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100" role="alert">Messages are waiting and no consumer has been attached since {since}.</p> : null}
      {queue.noConsumers && !queue.noConsumersAlarm ? <p className="mb-3 rounded bg-slate-100 p-2 text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-100" role="status">No consumers since {since} — normal for a queue that only holds dead letters.</p> : null}
      {queue.growing ? <p className="mb-3 rounded bg-amber-100 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100" role="status">The queue is growing: {formatRate(queue.growthRate)} messages/s over the window.</p> : null}
      <div className="mb-3"><QueueSignals queue={queue} /></div>
      <dl className={`mb-6 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6 ${stale ? STALE_TEXT : ""}`}>
        {figures.map(([label, value]) => (
          <div key={label} className="min-w-0 rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
            <dt className="text-xs uppercase text-slate-600 dark:text-slate-300">{label}</dt>
            <dd className="tabular text-xl font-semibold" data-testid={`figure-${label}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function DeadLetters({ clusterId, queue }: { clusterId: string; queue: QueueDetailDto }) {
  return (
    <div className="mb-6 grid gap-4 sm:grid-cols-2">
      <div className="min-w-0">
        <h2 className="mb-2 font-medium">Its dead letters go to</h2>
        {queue.deadLetter === null ? <Empty>No dead-letter exchange: rejected or expired messages are dropped.</Empty> : (
          <div className="text-sm" data-testid="dead-letter-targets">
            <p className="mb-1 break-words text-slate-700 dark:text-slate-300">
              exchange “{queue.deadLetter.exchange === "" ? "(default)" : queue.deadLetter.exchange}”{queue.deadLetter.routingKey !== null ? `, routing key “${queue.deadLetter.routingKey}”` : ""} (from the {queue.deadLetter.from}); {ROUTING_TEXT[queue.deadLetter.routing] ?? queue.deadLetter.routing}
            </p>
            <ul className="list-disc pl-5">{queue.deadLetter.targets.map((t) => <li key={queueKey(t)}><QueueLink clusterId={clusterId} queue={t} /></li>)}</ul>
            {queue.deadLetter.targets.length === 0 ? <p className="text-red-700 dark:text-red-300">No queue receives them: they are dropped.</p> : null}
          </div>
        )}
      </div>
      <div className="min-w-0">
        <h2 className="mb-2 font-medium">Dead letters come from</h2>
        {queue.deadLetterSources.length === 0 ? <Empty>No queue dead-letters into this one.</Empty> : (
          <ul className="list-disc pl-5 text-sm" data-testid="dead-letter-sources">
            {queue.deadLetterSources.map((s) => <li key={queueKey(s)}><QueueLink clusterId={clusterId} queue={s} showVhost={s.vhost !== queue.vhost} /></li>)}
          </ul>
        )}
      </div>
    </div>
  );
}
