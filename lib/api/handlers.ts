import "server-only";
import { getConfig } from "@/lib/config/load-config";
import type { ClusterConfig, QueuewatchConfig, RabbitmqClusterConfig } from "@/lib/config/schema";
import { noConsumersAfterMsOf } from "@/lib/config/cluster-name";
import { getPrisma, type Db } from "@/lib/db/prisma";
import { describeError } from "@/lib/collector/describe-error";
import { badRequest, notFound, serverError } from "./http";

export interface RequestContext {
  db: Db;
  cluster: ClusterConfig;
  config: QueuewatchConfig;
}

/** Resolves the configured cluster or answers 404; wraps unexpected failures as a JSON 500. */
export async function withCluster(clusterId: string, handle: (ctx: RequestContext) => Promise<Response>): Promise<Response> {
  try {
    const config = getConfig();
    const cluster = config.clusters.find((c) => c.id === clusterId);
    if (!cluster) return notFound(`unknown cluster "${clusterId}"`);
    return await handle({ db: getPrisma(), cluster, config });
  } catch (error) {
    return serverError(describeError(error));
  }
}

export interface QueueClusterContext extends RequestContext {
  cluster: RabbitmqClusterConfig;
  /** the cluster's "no consumers" threshold */
  noConsumersAfterMs: number;
}

/** Like withCluster, for endpoints about queues and nodes: a cluster without them answers 400. */
export async function withQueueCluster(clusterId: string, handle: (ctx: QueueClusterContext) => Promise<Response>): Promise<Response> {
  return withCluster(clusterId, async (ctx) => {
    const { cluster } = ctx;
    if (cluster.kind !== "rabbitmq") return badRequest(`cluster "${clusterId}" is a ${cluster.kind} cluster: it has no queues or nodes`);
    return handle({ ...ctx, cluster, noConsumersAfterMs: noConsumersAfterMsOf(cluster) });
  });
}
