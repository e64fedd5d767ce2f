"use client";

import Link from "next/link";
import { ClusterHealth } from "@/components/kafka/cluster-health";
import { DataTable, NAME_CELL } from "@/components/ui/data-table";
import { Name } from "@/components/ui/name";
import { SortHeader } from "@/components/ui/sort-header";
import { Sparkline } from "@/components/ui/sparkline";
import { ClusterProblemState, describeClusterProblem, Empty, ErrorState, LagStatusBadge, Loading, PageTitle, STALE_TEXT, StaleMark, StatusBadge } from "@/components/ui/states";
import type { ClusterDto } from "@/lib/api/types";
import { formatAgo, formatCount, formatDuration } from "@/lib/client/format";
import { useCluster, useConsumerGroups, useSparklines } from "@/lib/client/hooks";
import { useUrlState } from "@/lib/client/use-url-state";
import { KAFKA_METRICS } from "@/lib/kafka/kafka-series";
import { filterAndSortGroups, parseGroupSort, type GroupSort } from "@/lib/lag/sort-groups";
import { groupPath, topicPath } from "@/lib/util/page-paths";

const groupOf = (labels: Record<string, string>) => labels.group;

export function ConsumerGroupsView({ clusterId }: { clusterId: string }) {
  const { cluster, updatedAt } = useCluster(clusterId);
  const groups = useConsumerGroups(clusterId);
  const [params, setParams] = useUrlState();
  const filter = params.get("q") ?? "";
  const sort = parseGroupSort(params.get("sort"));
  const direction = params.get("dir") === "asc" ? "asc" : "desc";
  const onSort = (key: GroupSort) => setParams({ sort: key, dir: key === sort && direction === "desc" ? "asc" : "desc" });
  const problem = cluster ? describeClusterProblem(cluster) : null;

  return (
    <section className="min-w-0">
      <PageTitle
        title={cluster?.name ?? clusterId}
        subtitle={cluster ? (
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            {cluster.capabilities.label} cluster <StatusBadge status={cluster.status} /> last poll {formatAgo(cluster.lastPolledAt, updatedAt)} <StaleMark cluster={cluster} />
          </span>
        ) : null}
      />
      <ClusterHealth clusterId={clusterId} cluster={cluster} />
      <h2 className="mb-2 flex flex-wrap items-center gap-2 font-medium">Consumer groups <StaleMark cluster={cluster} /></h2>
      <div className="mb-3">
        <label className="text-sm">
          <span className="mr-2 text-slate-700 dark:text-slate-300">Filter groups</span>
          <input
            type="search"
            value={filter}
            onChange={(e) => setParams({ q: e.target.value })}
            placeholder="group name contains…"
            className="max-w-full rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
      </div>
      {groups.isPending ? (
        <Loading what="consumer groups" />
      ) : groups.isError ? (
        <ErrorState error={groups.error} what="consumer groups" />
      ) : groups.data.length === 0 ? (
        problem ? <ClusterProblemState problem={problem} what="consumer groups" brief /> : <Empty>No consumer groups: the cluster reports none with committed offsets or members.</Empty>
      ) : (
        <GroupsTable clusterId={clusterId} cluster={cluster} rows={filterAndSortGroups(groups.data, filter, sort, direction)} sort={sort} direction={direction} onSort={onSort} />
      )}
    </section>
  );
}

function GroupsTable({ clusterId, cluster, rows, sort, direction, onSort }: { clusterId: string; cluster: ClusterDto | undefined; rows: ReturnType<typeof filterAndSortGroups>; sort: GroupSort; direction: "asc" | "desc"; onSort: (key: GroupSort) => void }) {
  const sparklines = useSparklines(clusterId, KAFKA_METRICS.groupLag, groupOf);
  if (rows.length === 0) return <Empty>No group matches the filter.</Empty>;
  const figure = cluster?.stale ? STALE_TEXT : "";
  return (
    <DataTable testId="groups-table" label="Consumer groups">
      <thead className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-300">
        <tr>
          <SortHeader label="Group" sortKey="groupId" current={sort} direction={direction} onSort={onSort} />
          <SortHeader label="Status" sortKey="status" current={sort} direction={direction} onSort={onSort} />
          <th className="uppercase">State</th>
          <SortHeader label="Members" sortKey="members" current={sort} direction={direction} onSort={onSort} />
          <SortHeader label="Total lag" sortKey="totalLag" current={sort} direction={direction} onSort={onSort} />
          <th className="uppercase">Lag, last hour</th>
          <SortHeader label="Lag (time)" sortKey="lagSeconds" current={sort} direction={direction} onSort={onSort} />
          <SortHeader label="Max partition lag" sortKey="maxLag" current={sort} direction={direction} onSort={onSort} />
          <th className="uppercase">Topics</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={g.groupId} className="border-b border-slate-100 dark:border-slate-800" data-testid="group-row">
            <td>
              <div className={NAME_CELL}>
                <Link className="font-medium text-blue-700 hover:underline dark:text-blue-300" href={groupPath(clusterId, g.groupId)}>
                  <Name text={g.groupId} />
                </Link>
              </div>
            </td>
            <td className={figure}><LagStatusBadge status={g.status} /></td>
            <td className={figure}>{g.state}</td>
            <td className={`tabular ${figure}`} title={g.groupProtocol === "consumer" ? "KIP-848 group: members not visible" : undefined}>{g.groupProtocol === "consumer" ? "—" : g.members}</td>
            <td className={`tabular ${figure}`}>{formatCount(g.totalLag)}</td>
            <td><Sparkline points={sparklines.byKey.get(g.groupId)} fromMs={sparklines.fromMs} toMs={sparklines.toMs} label={`lag of ${g.groupId} over the last hour`} /></td>
            <td className={`tabular ${figure}`}>{formatDuration(g.lagSeconds, g.lagSecondsExact)}</td>
            <td className={`tabular ${figure}`}>{formatCount(g.maxLag)}</td>
            <td>
              <div className="flex max-w-xs flex-wrap gap-x-2">
                {g.topics.map((t) => (
                  <Link key={t} className="text-blue-700 hover:underline dark:text-blue-300" href={topicPath(clusterId, t)}><Name text={t} /></Link>
                ))}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
