"use client";

import { DataTable, NAME_CELL } from "@/components/ui/data-table";
import { Name } from "@/components/ui/name";
import { ClusterProblemState, describeClusterProblem, Empty, ErrorState, Loading, STALE_TEXT, StaleMark } from "@/components/ui/states";
import type { ClusterDto } from "@/lib/api/types";
import { formatBytes, formatCount, formatDuration } from "@/lib/client/format";
import { useNodes } from "@/lib/client/hooks";

const used = (value: number | null, total: number | null, format: (v: number | null) => string = formatCount): string => `${format(value)} / ${format(total)}`;
const ALARM = "font-semibold text-red-700 dark:text-red-300";

/**
 * Node health of a RabbitMQ cluster: alarms in red, a network partition called out above the table.
 * When the cluster's latest poll failed, "running" is unknown and every figure is marked stale.
 */
export function NodesPanel({ cluster }: { cluster: ClusterDto }) {
  const nodes = useNodes(cluster.id);
  const problem = describeClusterProblem(cluster);
  if (nodes.isPending) return <Loading what="node health" />;
  if (nodes.isError) return <ErrorState error={nodes.error} what="node health" />;
  if (nodes.data.nodes.length === 0) {
    return problem ? <ClusterProblemState problem={problem} what="node health" /> : <Empty>No node health yet: it is read with the management data, every minute by default.</Empty>;
  }
  const stale = cluster.stale;
  return (
    <div className="min-w-0">
      <h2 className="mb-2 flex flex-wrap items-center gap-2 font-medium">Nodes <StaleMark cluster={cluster} /></h2>
      {nodes.data.partitioned ? <p className="mb-2 rounded bg-red-100 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100" role="alert">Network partition: some nodes cannot reach each other.</p> : null}
      <DataTable label="Nodes">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-800 dark:text-slate-300">
          <tr><th>Node</th><th>Running</th><th>Memory used / limit</th><th>Disk free / limit</th><th>File descriptors</th><th>Sockets</th><th>Erlang processes</th><th>Uptime</th><th>Partitions</th></tr>
        </thead>
        <tbody className={stale ? STALE_TEXT : ""}>
          {nodes.data.nodes.map((n) => (
            <tr key={n.name} className="border-b border-slate-100 dark:border-slate-800" data-testid="node-row">
              <td><div className={NAME_CELL}><Name text={n.name} /></div></td>
              <td className={stale || n.running ? "" : ALARM} data-testid="node-running" title={stale ? "unknown: the latest poll failed or is late" : undefined}>{stale ? "unknown" : n.running ? "yes" : "NOT RUNNING"}</td>
              <td className={`tabular whitespace-nowrap ${n.memAlarm ? ALARM : ""}`}>{used(n.memUsed, n.memLimit, formatBytes)}{n.memAlarm ? " — memory alarm" : ""}</td>
              <td className={`tabular whitespace-nowrap ${n.diskFreeAlarm ? ALARM : ""}`}>{used(n.diskFree, n.diskFreeLimit, formatBytes)}{n.diskFreeAlarm ? " — disk alarm" : ""}</td>
              <td className="tabular whitespace-nowrap">{used(n.fdUsed, n.fdTotal)}</td>
              <td className="tabular whitespace-nowrap">{used(n.socketsUsed, n.socketsTotal)}</td>
              <td className="tabular whitespace-nowrap">{used(n.procUsed, n.procTotal)}</td>
              <td className="tabular whitespace-nowrap">{stale ? "unknown" : formatDuration(n.uptimeMs === null ? null : n.uptimeMs / 1000)}</td>
              <td className={n.partitions.length > 0 ? "text-red-700 dark:text-red-300" : ""}>{n.partitions.length > 0 ? n.partitions.join(", ") : "none"}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
