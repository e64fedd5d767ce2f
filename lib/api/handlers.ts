import "server-only";
import { getConfig } from "@/lib/config/load-config";
import type { ClusterConfig, QueuewatchConfig, RabbitmqClusterConfig } from "@/lib/config/schema";
import { offers, settingsOfKind } from "@/lib/brokers/registry";
import type { ClusterResource } from "@/lib/brokers/types";
import { noConsumersAfterMsOf } from "@/lib/rabbitmq/settings";
import { getPrisma, type Db } from "@/lib/db/prisma";
import { describeError } from "@/lib/util/describe-error";
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

const RESOURCE_NOUNS: Record<ClusterResource, string> = { "consumer-groups": "consumer groups", topics: "topics", brokers: "brokers", queues: "queues", nodes: "nodes" };

const notOffered = (ctx: RequestContext, resource: ClusterResource): Response =>
  badRequest(`cluster "${ctx.cluster.id}" is a ${ctx.cluster.kind} cluster: it has no ${RESOURCE_NOUNS[resource]}`);

/** Like withCluster, for a resource only some kinds offer (the registry says which): another kind's cluster answers 400. */
export async function withResource(clusterId: string, resource: ClusterResource, handle: (ctx: RequestContext) => Promise<Response>): Promise<Response> {
  return withCluster(clusterId, async (ctx) => (offers(ctx.cluster, resource) ? handle(ctx) : notOffered(ctx, resource)));
}

export interface QueueClusterContext extends RequestContext {
  cluster: RabbitmqClusterConfig;
  /** the cluster's "no consumers" threshold */
  noConsumersAfterMs: number;
}

/** Like withResource, for RabbitMQ's queues and nodes, with the cluster's RabbitMQ settings. */
export async function withQueueCluster(clusterId: string, resource: "queues" | "nodes", handle: (ctx: QueueClusterContext) => Promise<Response>): Promise<Response> {
  return withResource(clusterId, resource, async (ctx) => {
    const cluster = settingsOfKind(ctx.cluster, "rabbitmq");
    return cluster ? handle({ ...ctx, cluster, noConsumersAfterMs: noConsumersAfterMsOf(cluster) }) : notOffered(ctx, resource);
  });
}
