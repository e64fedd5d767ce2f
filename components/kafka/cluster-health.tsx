"use client";

import Link from "next/link";
import { DataTable, NAME_CELL } from "@/components/ui/data-table";
import { Name } from "@/components/ui/name";
import { ClusterProblemState, describeClusterProblem, Empty, ErrorState, Loading, STALE_TEXT, StaleMark } from "@/components/ui/states";
import type { ClusterDto } from "@/lib/api/types";
import { formatRate } from "@/lib/client/format";
import { useBrokers, useTopics } from "@/lib/client/hooks";
import { topicPath } from "@/lib/util/page-paths";

/** Brokers, controller and replication health of a Kafka cluster, then its topics. */
export function ClusterHealth({ clusterId, cluster }: { clusterId: string; cluster: ClusterDto | undefined }) {
  const brokers = useBrokers(clusterId);
  const topics = useTopics(clusterId);
  const userTopics = topics.data?.filter((t) => !t.internal) ?? [];
  const underReplicated = topics.data?.reduce((n, t) => n + t.underReplicatedPartitions, 0);
  const offline = topics.data?.reduce((n, t) => n + t.offlinePartitions, 0);
  const problem = cluster ? describeClusterProblem(cluster) : null;
  const stale = cluster?.stale === true;
  return (
    <section className="mb-8 min-w-0" data-testid="cluster-health">
      <h2 className="mb-2 flex flex-wrap items-center gap-2 font-medium">Brokers <StaleMark cluster={cluster} /></h2>
      {brokers.isPending ? <Loading what="brokers" /> : brokers.isError ? <ErrorState error={brokers.error} what="brokers" /> : brokers.data.brokers.length === 0 ? (
        problem ? <ClusterProblemState problem={problem} what="brokers" /> : <Empty>No broker seen in the latest poll.</Empty>
      ) : (
        <div className={`mb-4 flex flex-wrap gap-3 text-sm ${stale ? STALE_TEXT : ""}`}>
          {brokers.data.brokers.map((b) => (
            <div key={b.nodeId} className="min-w-0 rounded border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900" data-testid="broker">
              <div className="font-medium">node {b.nodeId}{b.isController ? " · controller" : ""}</div>
              <div className="text-xs text-slate-600 dark:text-slate-300"><Name text={`${b.host}:${b.port}`} /></div>
            </div>
          ))}
          <div className="rounded border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
            <div className="font-medium" data-testid="under-replicated">{underReplicated ?? "—"} under-replicated</div>
            <div className={`text-xs ${offline ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-300"}`}>{offline ?? "—"} offline partitions</div>
          </div>
        </div>
      )}
      <h2 className="mb-2 font-medium">Topics</h2>
      {topics.isPending ? <Loading what="topics" /> : topics.isError ? <ErrorState error={topics.error} what="topics" /> : userTopics.length === 0 ? (
        problem ? <ClusterProblemState problem={problem} what="topics" brief /> : <Empty>No topics: the cluster has only internal topics.</Empty>
      ) : (
        <DataTable label="Topics" testId="topics-table">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-800 dark:text-slate-300">
            <tr><th>Topic</th><th>Partitions</th><th>Replication</th><th>Under-replicated</th><th>Offline</th><th>Produced / s</th><th>Consumer groups</th></tr>
          </thead>
          <tbody className={stale ? STALE_TEXT : ""}>
            {userTopics.map((t) => (
              <tr key={t.name} className="border-b border-slate-100 dark:border-slate-800" data-testid="topic-row">
                <td>
                  <div className={NAME_CELL}>
                    <Link className="text-blue-700 hover:underline dark:text-blue-300" href={topicPath(clusterId, t.name)}><Name text={t.name} /></Link>
                  </div>
                </td>
                <td className="tabular">{t.partitions}</td>
                <td className="tabular">{t.replicationFactor}</td>
                <td className="tabular">{t.underReplicatedPartitions}</td>
                <td className="tabular">{t.offlinePartitions}</td>
                <td className="tabular" title={stale ? "not current: the latest poll failed or is late" : undefined}>{stale ? "—" : formatRate(t.produceRate)}</td>
                <td className="tabular" title={t.consumerGroups.join(", ")}>{t.consumerGroups.length}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
