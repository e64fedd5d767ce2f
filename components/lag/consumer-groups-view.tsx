"use client";

import Link from "next/link";
import { ClusterHealth } from "@/components/kafka/cluster-health";
import { SortHeader } from "@/components/ui/sort-header";
import { Empty, ErrorState, LagStatusBadge, Loading, PageTitle, StatusBadge } from "@/components/ui/states";
import { formatAgo, formatCount, formatDuration } from "@/lib/client/format";
import { useClusters, useConsumerGroups } from "@/lib/client/hooks";
import { useUrlState } from "@/lib/client/use-url-state";
import { filterAndSortGroups, parseGroupSort, type GroupSort } from "@/lib/lag/sort-groups";

export function ConsumerGroupsView({ clusterId }: { clusterId: string }) {
  const clusters = useClusters();
  const cluster = clusters.data?.find((c) => c.id === clusterId);
  const groups = useConsumerGroups(clusterId);
  const [params, setParams] = useUrlState();
  const filter = params.get("q") ?? "";
  const sort = parseGroupSort(params.get("sort"));
  const direction = params.get("dir") === "asc" ? "asc" : "desc";
  const onSort = (key: GroupSort) => setParams({ sort: key, dir: key === sort && direction === "desc" ? "asc" : "desc" });

  return (
    <section>
      <PageTitle
        title={cluster?.name ?? clusterId}
        subtitle={cluster ? (
          <span className="flex items-center gap-2">
            Kafka cluster <StatusBadge status={cluster.status} /> last poll {formatAgo(cluster.lastPolledAt, clusters.dataUpdatedAt)}
            {cluster.lastError ? <span className="text-red-700 dark:text-red-300">— {cluster.lastError}</span> : null}
          </span>
        ) : null}
      />
      <ClusterHealth clusterId={clusterId} />
      <h2 className="mb-2 font-medium">Consumer groups</h2>
      <div className="mb-3">
        <label className="text-sm">
          <span className="mr-2 text-slate-600">Filter groups</span>
          <input
            type="search"
            value={filter}
            onChange={(e) => setParams({ q: e.target.value })}
            placeholder="group name contains…"
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
      </div>
      {groups.isPending ? (
        <Loading what="consumer groups" />
      ) : groups.isError ? (
        <ErrorState error={groups.error} what="consumer groups" />
      ) : groups.data.length === 0 ? (
        <Empty>No consumer groups seen in the latest poll{cluster?.status === "unknown" ? " (this cluster has not been polled yet — is the collector running?)" : ""}.</Empty>
      ) : (
        <GroupsTable clusterId={clusterId} rows={filterAndSortGroups(groups.data, filter, sort, direction)} sort={sort} direction={direction} onSort={onSort} />
      )}
    </section>
  );
}

function GroupsTable({ clusterId, rows, sort, direction, onSort }: { clusterId: string; rows: ReturnType<typeof filterAndSortGroups>; sort: GroupSort; direction: "asc" | "desc"; onSort: (key: GroupSort) => void }) {
  if (rows.length === 0) return <Empty>No group matches the filter.</Empty>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-xs text-slate-500 dark:border-slate-800">
        <tr>
          <SortHeader label="Group" sortKey="groupId" current={sort} direction={direction} onSort={onSort} />
          <SortHeader label="Status" sortKey="status" current={sort} direction={direction} onSort={onSort} />
          <th className="uppercase">State</th>
          <SortHeader label="Members" sortKey="members" current={sort} direction={direction} onSort={onSort} />
          <SortHeader label="Total lag" sortKey="totalLag" current={sort} direction={direction} onSort={onSort} />
          <SortHeader label="Lag (time)" sortKey="lagSeconds" current={sort} direction={direction} onSort={onSort} />
          <SortHeader label="Max partition lag" sortKey="maxLag" current={sort} direction={direction} onSort={onSort} />
          <th className="uppercase">Topics</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={g.groupId} className="border-b border-slate-100 dark:border-slate-900" data-testid="group-row">
            <td className="py-2 break-all">
              <Link className="font-medium text-blue-700 hover:underline dark:text-blue-300" href={`/clusters/${encodeURIComponent(clusterId)}/groups/${encodeURIComponent(g.groupId)}`}>
                {g.groupId}
              </Link>
            </td>
            <td><LagStatusBadge status={g.status} /></td>
            <td>{g.state}</td>
            <td className="tabular" title={g.groupProtocol === "consumer" ? "KIP-848 group: members not visible" : undefined}>{g.groupProtocol === "consumer" ? "—" : g.members}</td>
            <td className="tabular">{formatCount(g.totalLag)}</td>
            <td className="tabular">{formatDuration(g.lagSeconds, g.lagSecondsExact)}</td>
            <td className="tabular">{formatCount(g.maxLag)}</td>
            <td className="max-w-xs truncate" title={g.topics.join(", ")}>{g.topics.join(", ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
