"use client";

import { QueueLink } from "@/components/rabbitmq/queue-link";
import { ChartPanel } from "@/components/ui/chart-panel";
import { MultiSeriesChart } from "@/components/ui/multi-series-chart";
import { Empty, ErrorState, Loading, PageTitle } from "@/components/ui/states";
import type { QueueDetailDto, SeriesDto } from "@/lib/api/types";
import { formatCount, formatIsoStep, formatRate, formatShare, parseRange } from "@/lib/client/format";
import { useQueue, useSeries } from "@/lib/client/hooks";
import { useUrlState } from "@/lib/client/use-url-state";
import { queueKey } from "@/lib/rabbitmq/dead-letter-topology";
import { mergeSeriesPoints } from "@/lib/lag/chart-data";
import { RABBITMQ_METRICS } from "@/lib/rabbitmq/queue-series";

const ROUTING_TEXT: Record<string, string> = {
  exact: "routed by the dead-letter routing key",
  "by-original-key": "routed by each message's own routing key: any of these queues may receive them",
  headers: "routed by message headers: any of these queues may receive them",
  "missing-exchange": "the dead-letter exchange does not exist: dead letters are DROPPED",
};

const points = (series: SeriesDto | undefined) => series?.series[0]?.points ?? [];

/** One queue: depth (ready + unacked stacked) and rates charts, consumers, its DLQ or its sources. */
export function QueueView({ clusterId, vhost, name }: { clusterId: string; vhost: string; name: string }) {
  const detail = useQueue(clusterId, vhost, name);
  const [params, setParams] = useUrlState();
  const range = parseRange(params.get("range"));
  const labels = { vhost, queue: name };
  const ready = useSeries(clusterId, RABBITMQ_METRICS.messagesReady, labels, range.ms, "last");
  const unacked = useSeries(clusterId, RABBITMQ_METRICS.messagesUnacked, labels, range.ms, "last");
  const publish = useSeries(clusterId, RABBITMQ_METRICS.publishRate, labels, range.ms);
  const deliver = useSeries(clusterId, RABBITMQ_METRICS.deliverRate, labels, range.ms);
  const ack = useSeries(clusterId, RABBITMQ_METRICS.ackRate, labels, range.ms);
  const redeliver = useSeries(clusterId, RABBITMQ_METRICS.redeliverRate, labels, range.ms);
  const depthRows = mergeSeriesPoints({ ready: points(ready.data), unacked: points(unacked.data) });
  const rateRows = mergeSeriesPoints({ publish: points(publish.data), deliver: points(deliver.data), ack: points(ack.data), redeliver: points(redeliver.data) });
  return (
    <section>
      <PageTitle title={name} subtitle={`RabbitMQ queue in virtual host ${vhost} of ${clusterId}`} />
      {detail.isPending ? <Loading what="the queue" /> : detail.isError ? <ErrorState error={detail.error} what="the queue" /> : (
        <>
          <Figures queue={detail.data} />
          <ChartPanel title="Depth: ready and unacknowledged (stacked)" range={range.key} onRange={(key) => setParams({ range: key })}>
            {ready.isPending || unacked.isPending ? <Loading what="depth" /> : ready.isError ? <ErrorState error={ready.error} what="depth" /> :
              depthRows.length === 0 ? <Empty>No depth samples in this range yet.</Empty> : (
                <>
                  <MultiSeriesChart rows={depthRows} stacked label="messages" series={[{ key: "ready", label: "ready", color: "#2563eb" }, { key: "unacked", label: "unacked", color: "#d97706" }]} />
                  <p className="mt-1 text-xs text-slate-500">last value per {formatIsoStep(ready.data?.step ?? "")} bucket</p>
                </>
              )}
          </ChartPanel>
          <ChartPanel title="Rates (messages per second)" range={range.key} onRange={(key) => setParams({ range: key })}>
            {publish.isPending ? <Loading what="rates" /> : publish.isError ? <ErrorState error={publish.error} what="rates" /> :
              rateRows.length === 0 ? <Empty>No rate samples in this range yet (the first needs two polls).</Empty> : (
                <MultiSeriesChart rows={rateRows} stacked={false} label="messages/s" format={formatRate} series={[
                  { key: "publish", label: "publish", color: "#2563eb" }, { key: "deliver", label: "deliver/get", color: "#16a34a" },
                  { key: "ack", label: "ack", color: "#64748b" }, { key: "redeliver", label: "redeliver", color: "#dc2626" },
                ]} />
              )}
          </ChartPanel>
          <DeadLetters clusterId={clusterId} queue={detail.data} />
        </>
      )}
    </section>
  );
}

function Figures({ queue }: { queue: QueueDetailDto }) {
  const figures: [string, string][] = [
    ["Messages", formatCount(queue.messages)], ["Ready", formatCount(queue.messagesReady)], ["Unacked", formatCount(queue.messagesUnacknowledged)],
    ["Consumers", formatCount(queue.consumers)], ["Consumer capacity", queue.consumers === 0 ? "—" : formatShare(queue.consumerCapacity)], ["Type", queue.type],
    ["Publish / s", formatRate(queue.publishRate)], ["Deliver / s", formatRate(queue.deliverRate)], ["Ack / s", formatRate(queue.ackRate)],
    ["Redeliver / s", formatRate(queue.redeliverRate)],
  ];
  if (queue.deadLetterSources.length > 0) figures.push(["Dead letters in / s", formatRate(queue.deadLetterInflowRate)]);
  return (
    <>
      {queue.noConsumers ? <p className="mb-3 rounded bg-red-100 p-2 text-sm text-red-800" role="alert">Messages are waiting and no consumer has been attached since {queue.noConsumersSince}.</p> : null}
      {queue.growing ? <p className="mb-3 rounded bg-amber-100 p-2 text-sm text-amber-800" role="status">The queue is growing: {formatRate(queue.growthRate)} messages/s over the window.</p> : null}
      <dl className="mb-6 grid grid-cols-2 gap-4 text-sm sm:grid-cols-5">
        {figures.map(([label, value]) => (
          <div key={label} className="rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
            <dt className="text-xs uppercase text-slate-500">{label}</dt>
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
      <div>
        <h2 className="mb-2 font-medium">Its dead letters go to</h2>
        {queue.deadLetter === null ? <Empty>No dead-letter exchange: rejected or expired messages are dropped.</Empty> : (
          <div className="text-sm" data-testid="dead-letter-targets">
            <p className="mb-1 text-slate-600">
              exchange “{queue.deadLetter.exchange === "" ? "(default)" : queue.deadLetter.exchange}”{queue.deadLetter.routingKey !== null ? `, routing key “${queue.deadLetter.routingKey}”` : ""} (from the {queue.deadLetter.from}); {ROUTING_TEXT[queue.deadLetter.routing] ?? queue.deadLetter.routing}
            </p>
            <ul className="list-disc pl-5">{queue.deadLetter.targets.map((t) => <li key={queueKey(t)} className="break-all"><QueueLink clusterId={clusterId} queue={t} /></li>)}</ul>
            {queue.deadLetter.targets.length === 0 ? <p className="text-red-700">No queue receives them: they are dropped.</p> : null}
          </div>
        )}
      </div>
      <div>
        <h2 className="mb-2 font-medium">Dead letters come from</h2>
        {queue.deadLetterSources.length === 0 ? <Empty>No queue dead-letters into this one.</Empty> : (
          <ul className="list-disc pl-5 text-sm" data-testid="dead-letter-sources">
            {queue.deadLetterSources.map((s) => <li key={queueKey(s)} className="break-all"><QueueLink clusterId={clusterId} queue={s} showVhost={s.vhost !== queue.vhost} /></li>)}
          </ul>
        )}
      </div>
    </div>
  );
}
