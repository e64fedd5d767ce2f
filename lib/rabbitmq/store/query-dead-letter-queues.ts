import "server-only";
// A RabbitMQ cluster's dead-letter queues from the store: the queues other queues' dead letters reach (the
// dead-letter topology of the latest poll), with depth, dead-letter inflow, the queues they come from, how
// they can be browsed, and the top causes of the messages Queuewatch holds of them.
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import { compileCapturePatterns } from "@/lib/dlq/dead-letter-capture";
import type { BrowseMode, DeadLetterSourceDto } from "@/lib/dlq/dead-letter-dto";
import { sourceKeyOf } from "@/lib/dlq/source-key";
import { queryHeldCounts, queryTopCauses } from "@/lib/dlq/store/query-dead-letters";
import { noConsumersAfterMsOf } from "../settings";
import { queryQueues } from "./query-queues";

const TOP_CAUSES = 5;

/**
 * Queues in capture mode are browsed from the store; streams are copied by offset; classic queues are read and
 * put back; a quorum queue would count every read against the delivery limit, and a queue whose type is not
 * known yet (before the management API listed it) might be one: those need capture mode.
 */
export function browseModeOf(type: string, captured: boolean): BrowseMode {
  if (captured) return "capture";
  return type === "classic" ? "peek" : type === "stream" ? "index" : "needs-capture";
}

export async function queryDeadLetterQueues(db: Db, cluster: RabbitmqClusterConfig): Promise<DeadLetterSourceDto[]> {
  const captures = compileCapturePatterns(cluster.deadLetterCapture ?? []);
  const [queues, held, causes] = await Promise.all([queryQueues(db, cluster.id, noConsumersAfterMsOf(cluster)), queryHeldCounts(db, cluster.id), queryTopCauses(db, cluster.id, TOP_CAUSES)]);
  return queues
    .filter((queue) => queue.deadLetterSources.length > 0)
    .map((queue): DeadLetterSourceDto => {
      const key = sourceKeyOf({ vhost: queue.vhost, queue: queue.name });
      const counts = held.get(key);
      return {
        key, ref: { vhost: queue.vhost, queue: queue.name }, type: queue.type,
        depth: queue.messages,
        inflowRate: queue.deadLetterInflowRate,
        origins: queue.deadLetterSources.map((source) => ({ name: source.vhost === queue.vhost ? source.name : `${source.vhost}/${source.name}`, via: "dead-letter-exchange", count: null })),
        browse: browseModeOf(queue.type, queue.type !== "stream" && captures(queue.vhost, queue.name)),
        held: counts?.held ?? 0, waiting: counts?.dead ?? 0,
        topCauses: causes.get(key) ?? [],
        polledAt: queue.polledAt,
      };
    });
}
