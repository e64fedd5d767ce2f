"use client";

import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { formatBytes, formatCount, formatDuration } from "@/lib/client/format";
import { useNodes } from "@/lib/client/hooks";

const used = (value: number | null, total: number | null, format: (v: number | null) => string = formatCount): string => `${format(value)} / ${format(total)}`;

/** Node health of a RabbitMQ cluster: alarms in red, a network partition called out above the table. */
export function NodesPanel({ clusterId }: { clusterId: string }) {
  const nodes = useNodes(clusterId);
  if (nodes.isPending) return <Loading what="node health" />;
  if (nodes.isError) return <ErrorState error={nodes.error} what="node health" />;
  if (nodes.data.nodes.length === 0) return <Empty>No node health yet (it is read with the management data, every minute by default).</Empty>;
  return (
    <div className="mb-6">
      <h2 className="mb-2 font-medium">Nodes</h2>
      {nodes.data.partitioned ? <p className="mb-2 rounded bg-red-100 p-2 text-sm text-red-800" role="alert">Network partition: some nodes cannot reach each other.</p> : null}
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
          <tr><th className="py-2">Node</th><th>Running</th><th>Memory used / limit</th><th>Disk free / limit</th><th>File descriptors</th><th>Sockets</th><th>Erlang processes</th><th>Uptime</th><th>Partitions</th></tr>
        </thead>
        <tbody>
          {nodes.data.nodes.map((n) => (
            <tr key={n.name} className="border-b border-slate-100 dark:border-slate-900" data-testid="node-row">
              <td className="py-1 break-all">{n.name}</td>
              <td className={n.running ? "" : "font-semibold text-red-700"}>{n.running ? "yes" : "NOT RUNNING"}</td>
              <td className={`tabular ${n.memAlarm ? "font-semibold text-red-700" : ""}`}>{used(n.memUsed, n.memLimit, formatBytes)}{n.memAlarm ? " — memory alarm" : ""}</td>
              <td className={`tabular ${n.diskFreeAlarm ? "font-semibold text-red-700" : ""}`}>{used(n.diskFree, n.diskFreeLimit, formatBytes)}{n.diskFreeAlarm ? " — disk alarm" : ""}</td>
              <td className="tabular">{used(n.fdUsed, n.fdTotal)}</td>
              <td className="tabular">{used(n.socketsUsed, n.socketsTotal)}</td>
              <td className="tabular">{used(n.procUsed, n.procTotal)}</td>
              <td className="tabular">{formatDuration(n.uptimeMs === null ? null : n.uptimeMs / 1000)}</td>
              <td className={n.partitions.length > 0 ? "text-red-700" : ""}>{n.partitions.length > 0 ? n.partitions.join(", ") : "none"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
