"use client";

import Link from "next/link";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { formatRate } from "@/lib/client/format";
import { useBrokers, useTopics } from "@/lib/client/hooks";

/** Brokers, controller and replication health of a Kafka cluster, then its topics. */
export function ClusterHealth({ clusterId }: { clusterId: string }) {
  const brokers = useBrokers(clusterId);
  const topics = useTopics(clusterId);
  const userTopics = topics.data?.filter((t) => !t.internal) ?? [];
  const underReplicated = topics.data?.reduce((n, t) => n + t.underReplicatedPartitions, 0);
  const offline = topics.data?.reduce((n, t) => n + t.offlinePartitions, 0);
  return (
    <section className="mb-8" data-testid="cluster-health">
      <h2 className="mb-2 font-medium">Brokers</h2>
      {brokers.isPending ? <Loading what="brokers" /> : brokers.isError ? <ErrorState error={brokers.error} what="brokers" /> : brokers.data.brokers.length === 0 ? <Empty>No broker seen in the latest poll.</Empty> : (
        <div className="mb-4 flex flex-wrap gap-3 text-sm">
          {brokers.data.brokers.map((b) => (
            <div key={b.nodeId} className="rounded border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900" data-testid="broker">
              <div className="font-medium">node {b.nodeId}{b.isController ? " · controller" : ""}</div>
              <div className="text-xs text-slate-500 break-all">{b.host}:{b.port}</div>
            </div>
          ))}
          <div className="rounded border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
            <div className="font-medium" data-testid="under-replicated">{underReplicated ?? "—"} under-replicated</div>
            <div className={`text-xs ${offline ? "text-red-700" : "text-slate-500"}`}>{offline ?? "—"} offline partitions</div>
          </div>
        </div>
      )}
      <h2 className="mb-2 font-medium">Topics</h2>
      {topics.isPending ? <Loading what="topics" /> : topics.isError ? <ErrorState error={topics.error} what="topics" /> : userTopics.length === 0 ? <Empty>No topics.</Empty> : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
            <tr><th className="py-2">Topic</th><th>Partitions</th><th>Replication</th><th>Under-replicated</th><th>Offline</th><th>Produced / s</th><th>Consumer groups</th></tr>
          </thead>
          <tbody>
            {userTopics.map((t) => (
              <tr key={t.name} className="border-b border-slate-100 dark:border-slate-900" data-testid="topic-row">
                <td className="py-1 break-all">
                  <Link className="text-blue-700 hover:underline dark:text-blue-300" href={`/clusters/${encodeURIComponent(clusterId)}/topics/${encodeURIComponent(t.name)}`}>{t.name}</Link>
                </td>
                <td className="tabular">{t.partitions}</td>
                <td className="tabular">{t.replicationFactor}</td>
                <td className="tabular">{t.underReplicatedPartitions}</td>
                <td className="tabular">{t.offlinePartitions}</td>
                <td className="tabular">{formatRate(t.produceRate)}</td>
                <td className="max-w-xs truncate" title={t.consumerGroups.join(", ")}>{t.consumerGroups.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
