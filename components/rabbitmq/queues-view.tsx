"use client";

import { NodesPanel } from "@/components/rabbitmq/nodes-panel";
import { QueueLink } from "@/components/rabbitmq/queue-link";
import { DataTable, NAME_CELL } from "@/components/ui/data-table";
import { SortHeader } from "@/components/ui/sort-header";
import { Sparkline } from "@/components/ui/sparkline";
import { Badge, ClusterProblemState, describeClusterProblem, Empty, ErrorState, Loading, PageTitle, STALE_TEXT, StaleMark, StatusBadge } from "@/components/ui/states";
import type { ClusterDto, QueueDto } from "@/lib/api/types";
import { formatAgo, formatCount, formatRate, formatShare } from "@/lib/client/format";
import { useQueues, useSparklines } from "@/lib/client/hooks";
import { useTimeFormat } from "@/lib/client/time";
import { useUrlState } from "@/lib/client/use-url-state";
import { queueKey } from "@/lib/rabbitmq/dead-letter-topology";
import { RABBITMQ_METRICS } from "@/lib/rabbitmq/queue-series";
import { filterAndSortQueues, parseQueueSort, vhostsOf, type QueueSort } from "@/lib/rabbitmq/sort-queues";

const queueOf = (labels: Record<string, string>) => (labels.vhost !== undefined && labels.queue !== undefined ? queueKey({ vhost: labels.vhost, name: labels.queue }) : undefined);

/** A RabbitMQ cluster: node health, then every queue with depth, rates, consumers and dead-letter links. */
export function QueuesView({ cluster, updatedAt }: { cluster: ClusterDto; updatedAt: number }) {
  const queues = useQueues(cluster.id);
  const [params, setParams] = useUrlState();
  const filter = { vhost: params.get("vhost") ?? "", name: params.get("q") ?? "" };
  const sort = parseQueueSort(params.get("sort"));
  const direction = params.get("dir") === "asc" ? "asc" : "desc";
  const onSort = (key: QueueSort) => setParams({ sort: key, dir: key === sort && direction === "desc" ? "asc" : "desc" });
  const problem = describeClusterProblem(cluster);
  return (
    <section className="min-w-0">
      <PageTitle
        title={cluster.name}
        subtitle={
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            {cluster.capabilities.label} cluster <StatusBadge status={cluster.status} /> last poll {formatAgo(cluster.lastPolledAt, updatedAt)} <StaleMark cluster={cluster} />
          </span>
        }
      />
      <NodesPanel cluster={cluster} />
      <h2 className="mb-2 flex flex-wrap items-center gap-2 font-medium">Queues <StaleMark cluster={cluster} /></h2>
      <div className="mb-3 flex flex-wrap gap-4 text-sm">
        <label>
          <span className="mr-2 text-slate-700 dark:text-slate-300">Virtual host</span>
          <select value={filter.vhost} onChange={(e) => setParams({ vhost: e.target.value })} className="max-w-full rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900">
            <option value="">all</option>
            {vhostsOf(queues.data ?? []).map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </label>
        <label>
          <span className="mr-2 text-slate-700 dark:text-slate-300">Filter queues</span>
          <input type="search" value={filter.name} onChange={(e) => setParams({ q: e.target.value })} placeholder="name contains…"
            className="max-w-full rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900" />
        </label>
      </div>
      {queues.isPending ? <Loading what="queues" /> : queues.isError ? <ErrorState error={queues.error} what="queues" /> :
        queues.data.length === 0 ? (problem ? <ClusterProblemState problem={problem} what="queues" brief /> : <Empty>No queues: the broker reports none.</Empty>) : (
          <QueuesTable cluster={cluster} rows={filterAndSortQueues(queues.data, filter, sort, direction)} sort={sort} direction={direction} onSort={onSort} />
        )}
    </section>
  );
}

/**
 * List signals. "no consumers" is an alarm (red) only when `noConsumersAlarm`; on a queue that only
 * receives dead letters it is a plain fact (grey): a DLQ normally has no consumer.
 */
export function QueueSignals({ queue }: { queue: QueueDto }) {
  const time = useTimeFormat();
  const since = queue.noConsumersSince ? ` since ${time.formatDateTime(Date.parse(queue.noConsumersSince))}` : "";
  return (
    <span className="flex flex-wrap gap-1 text-xs">
      {queue.deadLetterSources.length > 0 ? <Badge tone="purple" title="receives dead letters">DLQ</Badge> : null}
      {queue.deadLetterDropped ? <Badge tone="red" title="a dead-letter exchange is configured but no queue receives its dead letters: they are lost" testId="signal-dead-letters-dropped">dead letters dropped</Badge> : null}
      {queue.deadLetterLoop ? <Badge tone="red" title="its dead letters route back to itself" testId="signal-dead-letter-loop">dead-letter loop</Badge> : null}
      {queue.noConsumers ? (
        queue.noConsumersAlarm
          ? <Badge tone="red" title={`ready messages and no consumers${since}`} testId="signal-no-consumers">no consumers</Badge>
          : <Badge tone="slate" title={`no consumers${since}: normal for a queue that only holds dead letters`} testId="signal-no-consumers-fact">no consumers</Badge>
      ) : null}
      {queue.growing ? <Badge tone="amber" title={`growing by ${formatRate(queue.growthRate)} messages/s`}>growing</Badge> : null}
    </span>
  );
}

function QueuesTable({ cluster, rows, sort, direction, onSort }: { cluster: ClusterDto; rows: QueueDto[]; sort: QueueSort; direction: "asc" | "desc"; onSort: (key: QueueSort) => void }) {
  const sparklines = useSparklines(cluster.id, RABBITMQ_METRICS.messages, queueOf);
  if (rows.length === 0) return <Empty>No queue matches the filter.</Empty>;
  const header = (label: string, key: QueueSort) => <SortHeader label={label} sortKey={key} current={sort} direction={direction} onSort={onSort} />;
  const stale = cluster.stale;
  // Rates from a failed or late poll are not current: shown as "—" with the last known value in the tooltip.
  const rate = (value: number | null) => (stale ? <span title={`last known ${formatRate(value)} msg/s (stale)`}>—</span> : formatRate(value));
  return (
    <DataTable testId="queues-table" label="Queues">
      <thead className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-300">
        <tr>
          {header("Queue", "name")}
          <th className="uppercase">Signals</th>
          {header("Messages", "messages")}
          <th className="uppercase">Depth, last hour</th>
          {header("Ready", "messagesReady")}
          {header("Unacked", "messagesUnacknowledged")}
          {header("Consumers", "consumers")}
          <th className="uppercase">Capacity</th>
          {header("Publish/s", "publishRate")}
          {header("Deliver/s", "deliverRate")}
          {header("Ack/s", "ackRate")}
          {header("Redeliver/s", "redeliverRate")}
          <th className="uppercase" title="messages/s this queue dead-letters (rejected or expired)">Dead-lettered/s</th>
          <th className="uppercase">Dead letters to</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((q) => (
          <tr key={queueKey(q)} className="border-b border-slate-100 dark:border-slate-800" data-testid="queue-row">
            <td><div className={NAME_CELL}><QueueLink clusterId={cluster.id} queue={q} showVhost /></div></td>
            <td><QueueSignals queue={q} /></td>
            <td className={`tabular ${stale ? STALE_TEXT : ""}`}>{formatCount(q.messages)}</td>
            <td><Sparkline points={sparklines.byKey.get(queueKey(q))} fromMs={sparklines.fromMs} toMs={sparklines.toMs} label={`depth of ${q.name} over the last hour`} /></td>
            <td className={`tabular ${stale ? STALE_TEXT : ""}`}>{formatCount(q.messagesReady)}</td>
            <td className={`tabular ${stale ? STALE_TEXT : ""}`}>{formatCount(q.messagesUnacknowledged)}</td>
            <td className={`tabular ${stale ? STALE_TEXT : ""}`}>{formatCount(q.consumers)}</td>
            <td className={`tabular ${stale ? STALE_TEXT : ""}`} title="share of time consumers could take deliveries">{q.consumers === 0 || stale ? "—" : formatShare(q.consumerCapacity)}</td>
            <td className="tabular">{rate(q.publishRate)}</td>
            <td className="tabular">{rate(q.deliverRate)}</td>
            <td className="tabular">{rate(q.ackRate)}</td>
            <td className={`tabular ${!stale && (q.redeliverRate ?? 0) > 0 ? "text-amber-800 dark:text-amber-300" : ""}`}>{rate(q.redeliverRate)}</td>
            <td className={`tabular ${!stale && (q.deadLetterOutRate ?? 0) > 0 ? "text-amber-800 dark:text-amber-300" : ""}`} data-testid="dead-letter-out-rate">{rate(q.deadLetterOutRate)}</td>
            <td><div className={NAME_CELL}>{q.deadLetterQueue ? <QueueLink clusterId={cluster.id} queue={q.deadLetterQueue} /> : "—"}</div></td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
