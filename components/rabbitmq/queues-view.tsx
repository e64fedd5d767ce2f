"use client";

import { NodesPanel } from "@/components/rabbitmq/nodes-panel";
import { QueueLink } from "@/components/rabbitmq/queue-link";
import { SortHeader } from "@/components/ui/sort-header";
import { Empty, ErrorState, Loading, PageTitle, StatusBadge } from "@/components/ui/states";
import type { ClusterDto, QueueDto } from "@/lib/api/types";
import { formatAgo, formatCount, formatRate, formatShare } from "@/lib/client/format";
import { useQueues } from "@/lib/client/hooks";
import { useUrlState } from "@/lib/client/use-url-state";
import { queueKey } from "@/lib/rabbitmq/dead-letter-topology";
import { filterAndSortQueues, parseQueueSort, vhostsOf, type QueueSort } from "@/lib/rabbitmq/sort-queues";

/** A RabbitMQ cluster: node health, then every queue with depth, rates, consumers and dead-letter links. */
export function QueuesView({ cluster, updatedAt }: { cluster: ClusterDto; updatedAt: number }) {
  const queues = useQueues(cluster.id);
  const [params, setParams] = useUrlState();
  const filter = { vhost: params.get("vhost") ?? "", name: params.get("q") ?? "" };
  const sort = parseQueueSort(params.get("sort"));
  const direction = params.get("dir") === "asc" ? "asc" : "desc";
  const onSort = (key: QueueSort) => setParams({ sort: key, dir: key === sort && direction === "desc" ? "asc" : "desc" });
  return (
    <section>
      <PageTitle
        title={cluster.name}
        subtitle={
          <span className="flex items-center gap-2">
            RabbitMQ cluster <StatusBadge status={cluster.status} /> last poll {formatAgo(cluster.lastPolledAt, updatedAt)}
            {cluster.lastError ? <span className="text-red-700 dark:text-red-300">— {cluster.lastError}</span> : null}
          </span>
        }
      />
      <NodesPanel clusterId={cluster.id} />
      <h2 className="mb-2 font-medium">Queues</h2>
      <div className="mb-3 flex flex-wrap gap-4 text-sm">
        <label>
          <span className="mr-2 text-slate-600">Virtual host</span>
          <select value={filter.vhost} onChange={(e) => setParams({ vhost: e.target.value })} className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900">
            <option value="">all</option>
            {vhostsOf(queues.data ?? []).map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </label>
        <label>
          <span className="mr-2 text-slate-600">Filter queues</span>
          <input type="search" value={filter.name} onChange={(e) => setParams({ q: e.target.value })} placeholder="name contains…"
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900" />
        </label>
      </div>
      {queues.isPending ? <Loading what="queues" /> : queues.isError ? <ErrorState error={queues.error} what="queues" /> :
        queues.data.length === 0 ? <Empty>No queues seen in the latest poll{cluster.status === "unknown" ? " (this cluster has not been polled yet — is the collector running?)" : ""}.</Empty> : (
          <QueuesTable clusterId={cluster.id} rows={filterAndSortQueues(queues.data, filter, sort, direction)} sort={sort} direction={direction} onSort={onSort} />
        )}
    </section>
  );
}

function Signals({ queue }: { queue: QueueDto }) {
  return (
    <span className="flex flex-wrap gap-1 text-xs">
      {queue.deadLetterSources.length > 0 ? <span className="rounded bg-purple-100 px-1 text-purple-800" title="receives dead letters">DLQ</span> : null}
      {queue.noConsumers ? <span className="rounded bg-red-100 px-1 text-red-800" title={`ready messages and no consumers since ${queue.noConsumersSince ?? "?"}`}>no consumers</span> : null}
      {queue.growing ? <span className="rounded bg-amber-100 px-1 text-amber-800" title={`growing by ${formatRate(queue.growthRate)} messages/s`}>growing</span> : null}
    </span>
  );
}

function QueuesTable({ clusterId, rows, sort, direction, onSort }: { clusterId: string; rows: QueueDto[]; sort: QueueSort; direction: "asc" | "desc"; onSort: (key: QueueSort) => void }) {
  if (rows.length === 0) return <Empty>No queue matches the filter.</Empty>;
  const header = (label: string, key: QueueSort) => <SortHeader label={label} sortKey={key} current={sort} direction={direction} onSort={onSort} />;
  return (
    <table className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-xs text-slate-500 dark:border-slate-800">
        <tr>
          {header("Queue", "name")}
          <th className="pr-3 uppercase">Signals</th>
          {header("Messages", "messages")}
          {header("Ready", "messagesReady")}
          {header("Unacked", "messagesUnacknowledged")}
          {header("Consumers", "consumers")}
          <th className="pr-3 uppercase">Capacity</th>
          {header("Publish/s", "publishRate")}
          {header("Deliver/s", "deliverRate")}
          {header("Ack/s", "ackRate")}
          {header("Redeliver/s", "redeliverRate")}
          <th className="uppercase">Dead letters to</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((q) => (
          <tr key={queueKey(q)} className="border-b border-slate-100 dark:border-slate-900" data-testid="queue-row">
            <td className="py-2 break-all"><QueueLink clusterId={clusterId} queue={q} showVhost /></td>
            <td><Signals queue={q} /></td>
            <td className="tabular">{formatCount(q.messages)}</td>
            <td className="tabular">{formatCount(q.messagesReady)}</td>
            <td className="tabular">{formatCount(q.messagesUnacknowledged)}</td>
            <td className="tabular">{formatCount(q.consumers)}</td>
            <td className="tabular" title="share of time consumers could take deliveries">{q.consumers === 0 ? "—" : formatShare(q.consumerCapacity)}</td>
            <td className="tabular">{formatRate(q.publishRate)}</td>
            <td className="tabular">{formatRate(q.deliverRate)}</td>
            <td className="tabular">{formatRate(q.ackRate)}</td>
            <td className={`tabular ${(q.redeliverRate ?? 0) > 0 ? "text-amber-700" : ""}`}>{formatRate(q.redeliverRate)}</td>
            <td className="break-all">{q.deadLetterQueue ? <QueueLink clusterId={clusterId} queue={q.deadLetterQueue} /> : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
