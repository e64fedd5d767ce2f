"use client";

import Link from "next/link";
import { DataTable, NAME_CELL, TableHead } from "@/components/ui/data-table";
import { Name } from "@/components/ui/name";
import { Badge, PageTitle, QueryStates } from "@/components/ui/states";
import { sourceQuery, useDeadLetterSources } from "@/lib/client/dead-letter-hooks";
import { formatCount, formatRate } from "@/lib/client/format";
import type { BrowseMode, DeadLetterSourceDto } from "@/lib/dlq/dead-letter-dto";
import { deadLetterBrowsePath } from "@/lib/util/page-paths";

const LINK = "text-blue-700 hover:underline dark:text-blue-300";

export const BROWSE_WORDS: Record<BrowseMode, { label: string; tone: "slate" | "amber" | "purple"; title: string }> = {
  index: { label: "copied by offset", tone: "slate", title: "Queuewatch copies each message by offset; nothing changes in the broker" },
  capture: { label: "captured", tone: "purple", title: "Moved into Queuewatch's store, acknowledged only once stored" },
  peek: { label: "read live", tone: "slate", title: "Read and put back in place; RabbitMQ sets the messages' redelivered flag" },
  "needs-capture": { label: "needs capture mode", tone: "amber", title: "Reading this queue and putting messages back would change it (quorum: delivery limit): add it to the cluster's deadLetterCapture to browse and replay it" },
};

function sourceName(source: DeadLetterSourceDto): string {
  return "topic" in source.ref ? source.ref.topic : source.ref.vhost === "/" ? source.ref.queue : `${source.ref.vhost}/${source.ref.queue}`;
}

/** A cluster's dead-letter topics or queues: depth, inflow, where they come from and why they died. */
export function DeadLetterSources({ clusterId }: { clusterId: string }) {
  const sources = useDeadLetterSources(clusterId);
  return (
    <div className="min-w-0">
      <PageTitle title="Dead letters" subtitle="Dead-letter topics and queues, where their messages came from, and why they died." />
      <QueryStates query={sources} what="dead letters" isEmpty={(list) => list.length === 0}
        empty="No dead-letter topics or queues. Kafka topics are found by name (e.g. orders-dlt, orders.DLT, dlq-orders; see deadLetterTopics in the config); RabbitMQ queues by the dead-letter exchanges that route to them.">
        {(list) => (
          <DataTable label="Dead-letter sources" testId="dead-letter-sources">
            <TableHead columns={["Source", "Type", "Messages", "Inflow", "From", "Top causes", "Browse"]} />
            <tbody>
              {list.map((source) => {
                const browse = BROWSE_WORDS[source.browse];
                return (
                  <tr key={source.key} className="border-b border-slate-100 align-top dark:border-slate-800" data-testid="dead-letter-source">
                    <td className={NAME_CELL}>
                      <Link className={`font-medium ${LINK}`} href={deadLetterBrowsePath(clusterId, sourceQuery(source.ref))}><Name text={sourceName(source)} /></Link>
                    </td>
                    <td>{source.type}</td>
                    <td className="tabular">
                      <span data-testid="dead-letter-depth">{formatCount(source.depth)}</span>
                      {/* A captured queue empties into Queuewatch: what waits there is the figure on call wants. */}
                      {source.browse === "capture" ? <div className="text-xs whitespace-nowrap text-slate-600 dark:text-slate-400" data-testid="dead-letter-captured">+ {formatCount(source.waiting)} captured, waiting</div> : null}
                    </td>
                    <td className="tabular whitespace-nowrap">{formatRate(source.inflowRate)}</td>
                    <td className="min-w-[8rem]">
                      {source.origins.length === 0 ? <span className="text-slate-600 dark:text-slate-400">unknown</span> : (
                        <ul>{source.origins.map((origin) => <li key={`${origin.via}:${origin.name}`}><Name text={origin.name} />{origin.count !== null ? <span className="text-xs text-slate-600 dark:text-slate-400"> ({formatCount(origin.count)})</span> : null}</li>)}</ul>
                      )}
                    </td>
                    <td className="min-w-[10rem]">
                      {source.topCauses.length === 0 ? <span className="text-slate-600 dark:text-slate-400">—</span> : (
                        <ul className="flex flex-col gap-0.5">
                          {source.topCauses.map((cause) => {
                            const query = sourceQuery(source.ref);
                            if (cause.cause !== null) query.set("cause", cause.cause);
                            return <li key={cause.cause ?? ""}><Link className={`text-xs ${LINK}`} href={deadLetterBrowsePath(clusterId, query)}><Name text={cause.cause ?? "(no cause given)"} /></Link> <span className="text-xs tabular">{formatCount(cause.count)}</span></li>;
                          })}
                        </ul>
                      )}
                    </td>
                    <td><Badge tone={browse.tone} title={browse.title} testId="browse-mode">{browse.label}</Badge></td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        )}
      </QueryStates>
    </div>
  );
}
